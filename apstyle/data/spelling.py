# ruff: noqa: RUF003 - typographic quotes, apostrophes and dashes are this checker's subject
"""Spellings: American forms of British spellings, AP's preferred forms, names AP spells
one way, and the spellings AP changed in recent editions (with the date of the change).

Our own compilation. Every entry's wrong form is not itself a correct American word, so
a match is a slip wherever it occurs outside a proper name (capitalised mid-sentence
forms are left alone by the rule: "Labour Party", "Ministry of Defence").
"""

from __future__ import annotations

from datetime import date

from . import words


def _inflect(pairs: dict[str, str], endings: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for wrong, right in pairs.items():
        for ending in endings:
            out[wrong + ending] = right + ending
    return out


# -our → -or, with the inflections news copy uses.
_OUR = {
    "colour": "color",
    "honour": "honor",
    "favour": "favor",
    "labour": "labor",
    "neighbour": "neighbor",
    "harbour": "harbor",
    "rumour": "rumor",
    "humour": "humor",
    "armour": "armor",
    "endeavour": "endeavor",
    "flavour": "flavor",
    "odour": "odor",
    "vigour": "vigor",
    "tumour": "tumor",
    "valour": "valor",
    "candour": "candor",
    "behaviour": "behavior",
    "savour": "savor",
}
# -ise → -ize verbs (only stems whose American form is -ize).
_ISE = {
    "organis": "organiz",
    "recognis": "recogniz",
    "realis": "realiz",
    "apologis": "apologiz",
    "criticis": "criticiz",
    "emphasis": "emphasiz",
    "prioritis": "prioritiz",
    "authoris": "authoriz",
    "mobilis": "mobiliz",
    "minimis": "minimiz",
    "maximis": "maximiz",
    "normalis": "normaliz",
    "legalis": "legaliz",
    "finalis": "finaliz",
    "utilis": "utiliz",
    "characteris": "characteriz",
    "summaris": "summariz",
    "stabilis": "stabiliz",
    "categoris": "categoriz",
    "privatis": "privatiz",
    "modernis": "moderniz",
    "sympathis": "sympathiz",
    "hospitalis": "hospitaliz",
    "jeopardis": "jeopardiz",
    "capitalis": "capitaliz",
    "centralis": "centraliz",
    "decentralis": "decentraliz",
    "destabilis": "destabiliz",
    "energis": "energiz",
    "globalis": "globaliz",
    "harmonis": "harmoniz",
    "immunis": "immuniz",
    "industrialis": "industrializ",
    "neutralis": "neutraliz",
    "penalis": "penaliz",
    "polaris": "polariz",
    "publicis": "publiciz",
    "radicalis": "radicaliz",
    "scrutinis": "scrutiniz",
    "specialis": "specializ",
    "subsidis": "subsidiz",
    "terroris": "terroriz",
    "weaponis": "weaponiz",
}

BRITISH: dict[str, str] = {
    **_inflect(_OUR, ("", "s", "ed", "ing")),
    **_inflect(_ISE, ("e", "es", "ed", "ing", "ation", "ations")),
    "favourite": "favorite",
    "favourites": "favorites",
    "favourable": "favorable",
    "unfavourable": "unfavorable",
    "honourable": "honorable",
    "neighbourhood": "neighborhood",
    "neighbourhoods": "neighborhoods",
    "behavioural": "behavioral",
    "labourer": "laborer",
    "labourers": "laborers",
    "colourful": "colorful",
    "armoured": "armored",
    "centre": "center",
    "centres": "centers",
    "centred": "centered",
    "theatre": "theater",
    "theatres": "theaters",
    "metre": "meter",
    "metres": "meters",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "centimetre": "centimeter",
    "centimetres": "centimeters",
    "millimetre": "millimeter",
    "millimetres": "millimeters",
    "litre": "liter",
    "litres": "liters",
    "fibre": "fiber",
    "calibre": "caliber",
    "spectre": "specter",
    "sombre": "somber",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "pretence": "pretense",
    "licence": "license",
    "licences": "licenses",
    "programme": "program",
    "programmes": "programs",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "paralyse": "paralyze",
    "paralysed": "paralyzed",
    "cheque": "check",
    "cheques": "checks",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "plough": "plow",
    "pyjamas": "pajamas",
    "sceptic": "skeptic",
    "sceptics": "skeptics",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "storeys": "stories",
    "jewellery": "jewelry",
    "mould": "mold",
    "moustache": "mustache",
    "cosy": "cozy",
    "ageing": "aging",
    "judgement": "judgment",
    "judgements": "judgments",
    "acknowledgement": "acknowledgment",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "instalment": "installment",
    "skilful": "skillful",
    "wilful": "willful",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "sulphur": "sulfur",
    "foetus": "fetus",
    "paediatric": "pediatric",
    "paediatrician": "pediatrician",
    "anaesthetic": "anesthetic",
    "anaesthesia": "anesthesia",
    "haemorrhage": "hemorrhage",
    "oestrogen": "estrogen",
    "diarrhoea": "diarrhea",
    "orthopaedic": "orthopedic",
    "encyclopaedia": "encyclopedia",
    "grey": "gray",
    "greying": "graying",
    "whilst": "while",
    "amongst": "among",
    "amidst": "amid",
    "learnt": "learned",
    "travelled": "traveled",
    "travelling": "traveling",
    "traveller": "traveler",
    "travellers": "travelers",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "labelled": "labeled",
    "labelling": "labeling",
    "modelled": "modeled",
    "modelling": "modeling",
    "fuelled": "fueled",
    "fuelling": "fueling",
    "totalled": "totaled",
    "totalling": "totaling",
    "signalled": "signaled",
    "signalling": "signaling",
    "channelled": "channeled",
    "counsellor": "counselor",
    "counsellors": "counselors",
    "counselling": "counseling",
    "levelled": "leveled",
    "levelling": "leveling",
    "quarrelled": "quarreled",
    "tunnelled": "tunneled",
    "dialled": "dialed",
    "spiralled": "spiraled",
    "rivalled": "rivaled",
    "equalled": "equaled",
    "marshalled": "marshaled",
    "funnelled": "funneled",
}

#: AP's own choice among American spellings (Stylebook entries; our wording).
AP_FORMS: dict[str, str] = {
    "advisor": "adviser",
    "advisors": "advisers",
    "alright": "all right",
    "axe": "ax",
    "barbeque": "barbecue",
    "barbeques": "barbecues",
    "donut": "doughnut",
    "donuts": "doughnuts",
    "good-bye": "goodbye",
    "teen-ager": "teenager",
    "teen-agers": "teenagers",
    "tee shirt": "T-shirt",
    "tee shirts": "T-shirts",
    "t-shirt": "T-shirt",
    "t-shirts": "T-shirts",
    "tshirt": "T-shirt",
    "wifi": "Wi-Fi",
    "wi-fi": "Wi-Fi",
    "WiFi": "Wi-Fi",
    "Wifi": "Wi-Fi",
    "afterwards": "afterward",
    "backwards": "backward",
    "healthcare": "health care",
    "kidnaped": "kidnapped",
    "kidnaping": "kidnapping",
    "kidnaper": "kidnapper",
    "kidnapers": "kidnappers",
    "worshipped": "worshiped",
    "worshipping": "worshiping",
    "worshipper": "worshiper",
    "worshippers": "worshipers",
    "focussed": "focused",
    "focussing": "focusing",
    "benefitted": "benefited",
    "benefitting": "benefiting",
    "targetted": "targeted",
    "fund-raising": "fundraising",
    "fund raising": "fundraising",
    "fund-raiser": "fundraiser",
    "fund-raisers": "fundraisers",
    "fund raiser": "fundraiser",
    "fund raisers": "fundraisers",
    "Xmas": "Christmas",
    "Moslem": "Muslim",
    "Moslems": "Muslims",
    "Koran": "Quran",
    "al-Qaeda": "al-Qaida",
    "al Qaeda": "al-Qaida",
    "al Qaida": "al-Qaida",
    "Al Qaeda": "al-Qaida",
    "Al-Qaeda": "al-Qaida",
    "Qaddafi": "Gadhafi",
    "Gaddafi": "Gadhafi",
    "Kadafi": "Gadhafi",
    "Chanukah": "Hanukkah",
    "Hanukah": "Hanukkah",
    "Hannukah": "Hanukkah",
    "Hezbullah": "Hezbollah",
    "Hizbollah": "Hezbollah",
    "Hizbullah": "Hezbollah",
    "Hizballah": "Hezbollah",
}

#: Forms in AP_FORMS that are written capitalised (names, and Xmas): matched with their
#: case, and flagged even mid-sentence.
CASED_FORMS = frozenset(
    [
        *words("""Xmas Moslem Moslems Koran al-Qaeda Al-Qaeda Qaddafi Gaddafi Kadafi WiFi Wifi
        Chanukah Hanukah Hannukah Hezbullah Hizbollah Hizbullah Hizballah"""),
        "al Qaeda",
        "al Qaida",
        "Al Qaeda",
    ]
)

#: Spellings AP changed in the 2019–2025 editions: wrong form → (AP form, date in force).
#: Sources: AP Stylebook announcements (Kyiv: Aug. 14, 2019; Black and Indigenous:
#: June 19, 2020; antisemitism: April 23, 2021; the 57th edition's prefix rules:
#: May 29, 2024); COVID-19: AP's coronavirus guidance of March 2020.
_KYIV = date(2019, 8, 14)
_COVID = date(2020, 3, 4)
_ANTISEMITISM = date(2021, 4, 23)
_UYGHUR = date(2021, 4, 29)  # in force by then (CJR, April 29, 2021); change date unstated
_PREFIXES = date(2024, 5, 29)
_MPOX = date(2022, 11, 28)  # WHO's new name, which AP adopted; AP's own date unstated

EDITION_CHANGES: dict[str, tuple[str, date]] = {
    "Kiev": ("Kyiv", _KYIV),
    "Covid-19": ("COVID-19", _COVID),
    "covid-19": ("COVID-19", _COVID),
    "Covid19": ("COVID-19", _COVID),
    "COVID19": ("COVID-19", _COVID),
    "anti-Semitism": ("antisemitism", _ANTISEMITISM),
    "anti-Semitic": ("antisemitic", _ANTISEMITISM),
    "anti-Semite": ("antisemite", _ANTISEMITISM),
    "anti-Semites": ("antisemites", _ANTISEMITISM),
    "anti-semitism": ("antisemitism", _ANTISEMITISM),
    "anti-semitic": ("antisemitic", _ANTISEMITISM),
    "Uighur": ("Uyghur", _UYGHUR),
    "Uighurs": ("Uyghurs", _UYGHUR),
    "monkeypox": ("mpox", _MPOX),
    **{
        wrong: (wrong.replace("-", ""), _PREFIXES)
        for wrong in words(
            """re-elect re-elected re-electing re-election re-elections re-enter re-entered
            re-entering re-enters re-entry re-establish re-established re-establishing
            re-emerge re-emerged re-emerging re-emergence re-evaluate re-evaluated
            re-evaluating re-evaluation re-examine re-examined re-examining re-examination
            re-educate re-education re-engage re-engaged re-engagement re-enact re-enacted
            re-enactment re-enactments re-energize re-energized re-employ re-employed
            pre-existing pre-exist pre-empt pre-empted pre-emptive pre-emptively pre-emption
            pre-eminent pre-eminence pre-election pre-establish pre-established
            semi-automatic semi-autonomous"""
        )
    },
}
EDITION_CHANGES.update(
    {k[0].upper() + k[1:]: v for k, v in list(EDITION_CHANGES.items()) if k[0].islower()}
)
