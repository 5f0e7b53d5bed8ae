"""Titles before names: civil abbreviations and military ranks in AP form."""

from __future__ import annotations

from . import words

#: Spelled-out civil titles AP abbreviates before a full name.
CIVIL_ABBREVIATIONS: dict[str, str] = {
    "Senator": "Sen.",
    "Representative": "Rep.",
    "Governor": "Gov.",
    "Lieutenant Governor": "Lt. Gov.",
    "Doctor": "Dr.",
    "Reverend": "the Rev.",
    "The Reverend": "The Rev.",
    "the Reverend": "the Rev.",
}

#: Plural titles before several names.
PLURAL_TITLES: dict[str, str] = {
    "Generals": "Gens.",
    "Senators": "Sens.",
    "Representatives": "Reps.",
    "Governors": "Govs.",
    "Doctors": "Drs.",
    "Admirals": "Adms.",
    "Colonels": "Cols.",
    "Sergeants": "Sgts.",
    "Captains": "Capts.",
    "Lieutenants": "Lts.",
}

#: Formal government titles that are capitalised directly before a name.
FORMAL_TITLES = (
    "president",
    "vice president",
    "prime minister",
    "deputy prime minister",
    "governor",
    "lieutenant governor",
    "mayor",
    "chancellor",
    "pope",
    "king",
    "queen",
    "secretary of state",
    "secretary-general",
    "attorney general",
    "chief justice",
    "foreign minister",
    "defense secretary",
    "defense minister",
    "senator",
)

#: Capitalised standalone forms that should be lowercase ("the President said").
STANDALONE_CIVIL = (
    "President",
    "Vice President",
    "Prime Minister",
    "Governor",
    "Mayor",
    "Senator",
    "Pope",
    "Secretary of State",
    "Chancellor",
)
STANDALONE_MILITARY = (
    "General",
    "Colonel",
    "Admiral",
    "Sergeant",
    "Captain",
    "Major",
    "Lieutenant",
    "Commander",
    "Corporal",
)

#: Non-AP forms of military ranks (spelled out, service abbreviations, missing periods)
#: mapped to AP's abbreviation before a name. AP forms are not listed: they are correct.
MILITARY_RANKS: dict[str, str] = {
    # spelled out
    "General": "Gen.",
    "Lieutenant General": "Lt. Gen.",
    "Major General": "Maj. Gen.",
    "Brigadier General": "Brig. Gen.",
    "Colonel": "Col.",
    "Lieutenant Colonel": "Lt. Col.",
    "Major": "Maj.",
    "Captain": "Capt.",
    "First Lieutenant": "1st Lt.",
    "Second Lieutenant": "2nd Lt.",
    "Lieutenant": "Lt.",
    "Sergeant Major": "Sgt. Maj.",
    "Command Sergeant Major": "Command Sgt. Maj.",
    "First Sergeant": "1st Sgt.",
    "Master Sergeant": "Master Sgt.",
    "Sergeant First Class": "Sgt. 1st Class",
    "Staff Sergeant": "Staff Sgt.",
    "Technical Sergeant": "Tech. Sgt.",
    "Gunnery Sergeant": "Gunnery Sgt.",
    "Master Gunnery Sergeant": "Master Gunnery Sgt.",
    "Chief Master Sergeant": "Chief Master Sgt.",
    "Senior Master Sergeant": "Senior Master Sgt.",
    "Sergeant": "Sgt.",
    "Lance Corporal": "Lance Cpl.",
    "Corporal": "Cpl.",
    "Specialist": "Spc.",
    "Private First Class": "Pfc.",
    "Private": "Pvt.",
    "Airman First Class": "Airman 1st Class",
    "Admiral": "Adm.",
    "Vice Admiral": "Vice Adm.",
    "Rear Admiral": "Rear Adm.",
    "Commander": "Cmdr.",
    "Lieutenant Commander": "Lt. Cmdr.",
    "Lieutenant Junior Grade": "Lt. j.g.",
    "Petty Officer First Class": "Petty Officer 1st Class",
    "Petty Officer Second Class": "Petty Officer 2nd Class",
    "Petty Officer Third Class": "Petty Officer 3rd Class",
    # service abbreviations (all caps)
    "GEN": "Gen.",
    "LTG": "Lt. Gen.",
    "MG": "Maj. Gen.",
    "BG": "Brig. Gen.",
    "COL": "Col.",
    "LTC": "Lt. Col.",
    "MAJ": "Maj.",
    "CPT": "Capt.",
    "1LT": "1st Lt.",
    "2LT": "2nd Lt.",
    "SGM": "Sgt. Maj.",
    "CSM": "Command Sgt. Maj.",
    "1SG": "1st Sgt.",
    "MSG": "Master Sgt.",
    "SFC": "Sgt. 1st Class",
    "SSG": "Staff Sgt.",
    "SGT": "Sgt.",
    "CPL": "Cpl.",
    "SPC": "Spc.",
    "PFC": "Pfc.",
    "PVT": "Pvt.",
    "ADM": "Adm.",
    "VADM": "Vice Adm.",
    "RADM": "Rear Adm.",
    "CAPT": "Capt.",
    "CDR": "Cmdr.",
    "LCDR": "Lt. Cmdr.",
    "LTJG": "Lt. j.g.",
    "SSgt": "Staff Sgt.",
    "TSgt": "Tech. Sgt.",
    "MSgt": "Master Sgt.",
    "GySgt": "Gunnery Sgt.",
    "LCpl": "Lance Cpl.",
    # wrong abbreviations and missing periods
    "Maj Gen": "Maj. Gen.",
    "Lt Gen": "Lt. Gen.",
    "Brig Gen": "Brig. Gen.",
    "Lt Col": "Lt. Col.",
    "Sgt Maj": "Sgt. Maj.",
    "Gen": "Gen.",
    "Col": "Col.",
    "Maj": "Maj.",
    "Capt": "Capt.",
    "Sgt": "Sgt.",
    "Cpl": "Cpl.",
    "Pvt": "Pvt.",
    "Adm": "Adm.",
    "Cmdr": "Cmdr.",
    "Cdr.": "Cmdr.",
    "Lt. Cdr.": "Lt. Cmdr.",
    "Lt. Comdr.": "Lt. Cmdr.",
    "Comdr.": "Cmdr.",
    "Sgt. First Class": "Sgt. 1st Class",
    "Brig.Gen.": "Brig. Gen.",
    "Maj.Gen.": "Maj. Gen.",
    "Lt.Gen.": "Lt. Gen.",
    "Lt.Col.": "Lt. Col.",
    "PFC.": "Pfc.",
    "Spec.": "Spc.",
}

#: Words that follow a rank-like word in names that are not people
#: ("General Motors", "Major League", "Private Equity").
NOT_A_NAME = frozenset(
    words("""Motors Assembly Electric Mills Dynamics Manager Managers Counsel Secretary Hospital
    Store Stores Accounting Services Services Administration Staff Atomics League Leagues
    Crimes Equity Sector Label Labels Practice Practices Insurance Partners Investment
    Fund Funds Company Corporation Foods Court Courts Conference Election Elections
    Hospital Directorate Command Commands Headquarters Strike Marvel America Crunch Planet
    Underpants Obvious Bonus Of of Tso Tsos Mustard Pepper Peppers Education Public Records
    Officer Officers Attorney Attorneys Inspector First Second Third Class Governor""")
)
