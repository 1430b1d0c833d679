//! Code tables: country codes (ISO 3166 alpha-2 and alpha-3, FIPS 10-4) and
//! CAMEO event codes.
//!
//! The country table is derived from GeoNames' country info (CC BY 4.0, see
//! data/gazetteer/LICENSE.md). The CAMEO table is a curated subset, written
//! for ckg: the twenty root categories and the violent and coercive codes
//! (14x, 17x, 18x, 19x, 20x). A full code list (GDELT's `cameoCodes.json`)
//! can be loaded at run time with [`CameoNames::load_json`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// `ISO2 ISO3 FIPS` triples, `-` where a country has no FIPS code.
const COUNTRY_CODES: &str = "
    AD AND AN | AE ARE AE | AF AFG AF | AG ATG AC | AI AIA AV | AL ALB AL | AM ARM AM | AN ANT NT
    AO AGO AO | AQ ATA AY | AR ARG AR | AS ASM AQ | AT AUT AU | AU AUS AS | AW ABW AA | AX ALA -
    AZ AZE AJ | BA BIH BK | BB BRB BB | BD BGD BG | BE BEL BE | BF BFA UV | BG BGR BU | BH BHR BA
    BI BDI BY | BJ BEN BN | BL BLM TB | BM BMU BD | BN BRN BX | BO BOL BL | BQ BES - | BR BRA BR
    BS BHS BF | BT BTN BT | BV BVT BV | BW BWA BC | BY BLR BO | BZ BLZ BH | CA CAN CA | CC CCK CK
    CD COD CG | CF CAF CT | CG COG CF | CH CHE SZ | CI CIV IV | CK COK CW | CL CHL CI | CM CMR CM
    CN CHN CH | CO COL CO | CR CRI CS | CS SCG YI | CU CUB CU | CV CPV CV | CW CUW UC | CX CXR KT
    CY CYP CY | CZ CZE EZ | DE DEU GM | DJ DJI DJ | DK DNK DA | DM DMA DO | DO DOM DR | DZ DZA AG
    EC ECU EC | EE EST EN | EG EGY EG | EH ESH WI | ER ERI ER | ES ESP SP | ET ETH ET | FI FIN FI
    FJ FJI FJ | FK FLK FK | FM FSM FM | FO FRO FO | FR FRA FR | GA GAB GB | GB GBR UK | GD GRD GJ
    GE GEO GG | GF GUF FG | GG GGY GK | GH GHA GH | GI GIB GI | GL GRL GL | GM GMB GA | GN GIN GV
    GP GLP GP | GQ GNQ EK | GR GRC GR | GS SGS SX | GT GTM GT | GU GUM GQ | GW GNB PU | GY GUY GY
    HK HKG HK | HM HMD HM | HN HND HO | HR HRV HR | HT HTI HA | HU HUN HU | ID IDN ID | IE IRL EI
    IL ISR IS | IM IMN IM | IN IND IN | IO IOT IO | IQ IRQ IZ | IR IRN IR | IS ISL IC | IT ITA IT
    JE JEY JE | JM JAM JM | JO JOR JO | JP JPN JA | KE KEN KE | KG KGZ KG | KH KHM CB | KI KIR KR
    KM COM CN | KN KNA SC | KP PRK KN | KR KOR KS | KW KWT KU | KY CYM CJ | KZ KAZ KZ | LA LAO LA
    LB LBN LE | LC LCA ST | LI LIE LS | LK LKA CE | LR LBR LI | LS LSO LT | LT LTU LH | LU LUX LU
    LV LVA LG | LY LBY LY | MA MAR MO | MC MCO MN | MD MDA MD | ME MNE MJ | MF MAF RN | MG MDG MA
    MH MHL RM | MK MKD MK | ML MLI ML | MM MMR BM | MN MNG MG | MO MAC MC | MP MNP CQ | MQ MTQ MB
    MR MRT MR | MS MSR MH | MT MLT MT | MU MUS MP | MV MDV MV | MW MWI MI | MX MEX MX | MY MYS MY
    MZ MOZ MZ | NA NAM WA | NC NCL NC | NE NER NG | NF NFK NF | NG NGA NI | NI NIC NU | NL NLD NL
    NO NOR NO | NP NPL NP | NR NRU NR | NU NIU NE | NZ NZL NZ | OM OMN MU | PA PAN PM | PE PER PE
    PF PYF FP | PG PNG PP | PH PHL RP | PK PAK PK | PL POL PL | PM SPM SB | PN PCN PC | PR PRI RQ
    PS PSE WE | PT PRT PO | PW PLW PS | PY PRY PA | QA QAT QA | RE REU RE | RO ROU RO | RS SRB RI
    RU RUS RS | RW RWA RW | SA SAU SA | SB SLB BP | SC SYC SE | SD SDN SU | SE SWE SW | SG SGP SN
    SH SHN SH | SI SVN SI | SJ SJM SV | SK SVK LO | SL SLE SL | SM SMR SM | SN SEN SG | SO SOM SO
    SR SUR NS | SS SSD OD | ST STP TP | SV SLV ES | SX SXM NN | SY SYR SY | SZ SWZ WZ | TC TCA TK
    TD TCD CD | TF ATF FS | TG TGO TO | TH THA TH | TJ TJK TI | TK TKL TL | TL TLS TT | TM TKM TX
    TN TUN TS | TO TON TN | TR TUR TU | TT TTO TD | TV TUV TV | TW TWN TW | TZ TZA TZ | UA UKR UP
    UG UGA UG | UM UMI - | US USA US | UY URY UY | UZ UZB UZ | VA VAT VT | VC VCT VC | VE VEN VE
    VG VGB VI | VI VIR VQ | VN VNM VM | VU VUT NH | WF WLF WF | WS WSM WS | XK XKX KV | YE YEM YM
    YT MYT MF | ZA ZAF SF | ZM ZMB ZA | ZW ZWE ZI
";

struct CountryCodes {
    iso3: HashMap<&'static str, &'static str>,
    fips: HashMap<&'static str, &'static str>,
}

fn country_codes() -> &'static CountryCodes {
    static CODES: OnceLock<CountryCodes> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut codes = CountryCodes { iso3: HashMap::new(), fips: HashMap::new() };
        for triple in COUNTRY_CODES.split(['|', '\n']) {
            let parts: Vec<&str> = triple.split_whitespace().collect();
            if let [iso2, iso3, fips] = parts[..] {
                codes.iso3.insert(iso3, iso2);
                if fips != "-" {
                    codes.fips.insert(fips, iso2);
                }
            }
        }
        codes
    })
}

/// ISO alpha-2 for an alpha-3 code (CAMEO actor country codes are alpha-3).
pub fn iso2_of_iso3(code: &str) -> Option<&'static str> {
    country_codes().iso3.get(code).copied()
}

/// ISO alpha-2 for a FIPS 10-4 code (GDELT geography uses FIPS).
pub fn iso2_of_fips(code: &str) -> Option<&'static str> {
    country_codes().fips.get(code).copied()
}

const CAMEO: &[(&str, &str)] = &[
    ("01", "Make public statement"),
    ("02", "Appeal"),
    ("03", "Express intent to cooperate"),
    ("04", "Consult"),
    ("05", "Engage in diplomatic cooperation"),
    ("06", "Engage in material cooperation"),
    ("07", "Provide aid"),
    ("08", "Yield"),
    ("09", "Investigate"),
    ("10", "Demand"),
    ("11", "Disapprove"),
    ("12", "Reject"),
    ("13", "Threaten"),
    ("14", "Protest"),
    ("140", "Engage in political dissent"),
    ("141", "Demonstrate or rally"),
    ("143", "Conduct strike or boycott"),
    ("145", "Protest violently, riot"),
    ("15", "Exhibit force posture"),
    ("16", "Reduce relations"),
    ("17", "Coerce"),
    ("171", "Seize or damage property"),
    ("173", "Arrest, detain, or charge with legal action"),
    ("175", "Use tactics of violent repression"),
    ("18", "Assault"),
    ("180", "Use unconventional violence"),
    ("181", "Abduct, hijack, or take hostage"),
    ("182", "Physically assault"),
    ("1821", "Sexually assault"),
    ("1822", "Torture"),
    ("1823", "Kill by physical assault"),
    ("183", "Conduct suicide, car, or other non-military bombing"),
    ("1831", "Carry out suicide bombing"),
    ("1832", "Carry out car bombing"),
    ("1833", "Carry out roadside bombing"),
    ("184", "Use as human shield"),
    ("185", "Attempt to assassinate"),
    ("186", "Assassinate"),
    ("19", "Fight"),
    ("190", "Use conventional military force"),
    ("191", "Impose blockade, restrict movement"),
    ("192", "Occupy territory"),
    ("193", "Fight with small arms and light weapons"),
    ("194", "Fight with artillery and tanks"),
    ("195", "Employ aerial weapons"),
    ("1951", "Employ precision-guided aerial munitions"),
    ("1952", "Employ remotely piloted aerial munitions"),
    ("196", "Violate ceasefire"),
    ("20", "Use unconventional mass violence"),
    ("200", "Use unconventional mass violence"),
    ("201", "Engage in mass expulsion"),
    ("202", "Engage in mass killings"),
    ("203", "Engage in ethnic cleansing"),
    ("204", "Use weapons of mass destruction"),
];

/// CAMEO event code names.
#[derive(Clone, Debug)]
pub struct CameoNames {
    names: HashMap<String, String>,
}

impl CameoNames {
    /// The curated table shipped with ckg.
    pub fn bundled() -> CameoNames {
        let names = CAMEO.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect();
        CameoNames { names }
    }

    /// Adds every code of a GDELT `cameoCodes.json` (`{"Description": {code: name}}`).
    pub fn load_json(mut self, path: &Path) -> Result<CameoNames> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| Error::input(path.display().to_string(), e.to_string()))?;
        let table = value
            .get("Description")
            .and_then(|v| v.as_object())
            .ok_or_else(|| Error::input(path.display().to_string(), "no \"Description\" object of code names"))?;
        for (code, name) in table {
            if let Some(name) = name.as_str() {
                self.names.insert(code.clone(), name.trim().to_string());
            }
        }
        Ok(self)
    }

    /// The name of `code`, or of its closest ancestor (`1831` -> `183` -> `18`).
    pub fn name(&self, code: &str) -> Option<&str> {
        let mut code = code.trim();
        while !code.is_empty() {
            if let Some(name) = self.names.get(code) {
                return Some(name);
            }
            code = &code[..code.len() - 1];
        }
        None
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_code_tables() {
        assert_eq!(iso2_of_iso3("SYR"), Some("SY"));
        assert_eq!(iso2_of_iso3("NGA"), Some("NG"));
        assert_eq!(iso2_of_fips("IZ"), Some("IQ"));
        assert_eq!(iso2_of_fips("NI"), Some("NG"));
        assert_eq!(iso2_of_fips("ZZ"), None);
    }

    #[test]
    fn cameo_names_fall_back_to_parents() {
        let names = CameoNames::bundled();
        assert_eq!(names.name("1831"), Some("Carry out suicide bombing"));
        assert_eq!(names.name("1384"), Some("Threaten"));
        assert_eq!(names.name("x"), None);
    }
}
