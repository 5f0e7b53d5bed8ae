"""Word lists: AP spelling changes, closed compounds, redundancies, known acronyms."""

from __future__ import annotations

from datetime import date

from . import words

#: AP spelling changes with the date AP adopted them: term → (replacement, since).
#: Case-aware entries ("Internet") are handled by the rule's guard.
AP_SPELLING_CHANGES: dict[str, tuple[str, date | None]] = {
    "e-mail": ("email", date(2011, 3, 18)),
    "e-mails": ("emails", date(2011, 3, 18)),
    "e-mailed": ("emailed", date(2011, 3, 18)),
    "e-mailing": ("emailing", date(2011, 3, 18)),
    "Web site": ("website", date(2010, 4, 16)),
    "Web sites": ("websites", date(2010, 4, 16)),
    "web site": ("website", date(2010, 4, 16)),
    "web sites": ("websites", date(2010, 4, 16)),
    "Website": ("website", date(2010, 4, 16)),
    "Websites": ("websites", date(2010, 4, 16)),
    "Internet": ("internet", date(2016, 6, 1)),
    "Web": ("web", date(2016, 6, 1)),
    "okay": ("OK", None),
    "okayed": ("OK'd", None),
    "O.K.": ("OK", None),
    "O.K.'d": ("OK'd", None),
    "towards": ("toward", None),
    "cell phone": ("cellphone", None),
    "cell phones": ("cellphones", None),
    "smart phone": ("smartphone", None),
    "smart phones": ("smartphones", None),
    "on-line": ("online", None),
}

#: Open or wrongly hyphenated compounds → AP/Webster's form. Only entries that cannot
#: be a verb plus particle ("stand off" is a verb; "standoff" a noun) are listed.
COMPOUNDS: dict[str, tuple[str, date | None]] = {
    "war planes": ("warplanes", None),
    "war plane": ("warplane", None),
    "war ship": ("warship", None),
    "war ships": ("warships", None),
    "war head": ("warhead", None),
    "war heads": ("warheads", None),
    "war time": ("wartime", None),
    "air strike": ("airstrike", None),
    "air strikes": ("airstrikes", None),
    "air-strike": ("airstrike", None),
    "air-strikes": ("airstrikes", None),
    "gun man": ("gunman", None),
    "gun men": ("gunmen", None),
    "gun fire": ("gunfire", None),
    "gun shot": ("gunshot", None),
    "gun shots": ("gunshots", None),
    "hand gun": ("handgun", None),
    "hand guns": ("handguns", None),
    "fire fighter": ("firefighter", None),
    "fire fighters": ("firefighters", None),
    "fire-fighters": ("firefighters", None),
    "law maker": ("lawmaker", None),
    "law makers": ("lawmakers", None),
    "check point": ("checkpoint", None),
    "check points": ("checkpoints", None),
    "head quarters": ("headquarters", None),
    "battle field": ("battlefield", None),
    "battle fields": ("battlefields", None),
    "counter attack": ("counterattack", None),
    "counter attacks": ("counterattacks", None),
    "counter-attack": ("counterattack", None),
    "counter-attacks": ("counterattacks", None),
    "wild fire": ("wildfire", None),
    "wild fires": ("wildfires", None),
    "nation wide": ("nationwide", None),
    "world wide": ("worldwide", None),
    "life time": ("lifetime", None),
    "by stander": ("bystander", None),
    "by standers": ("bystanders", None),
    "passers by": ("passers-by", None),
    "post war": ("postwar", None),
    "post-war": ("postwar", None),
    "pre war": ("prewar", None),
    "pre-war": ("prewar", None),
    "home made": ("homemade", None),
    "work force": ("workforce", None),
    "self defense": ("self-defense", None),
    "cease fire": ("cease-fire", None),
    # Prefixes and suffixes AP closes up (prefixes entry; -wide; mid-; non-; cyber-).
    **{
        w: (w.replace("-", "").replace(" ", ""), None)
        for w in words(
            """non-profit non-profits non-partisan non-violent non-violence non-essential
            non-existent non-stop non-fatal non-binding non-governmental non-citizen
            non-citizens non-fiction state-wide city-wide county-wide nation-wide world-wide
            industry-wide country-wide mid-term mid-terms mid-day mid-week mid-air mid-size
            mid-year mid-point mid-life mid-stream cyber-attack cyber-attacks cyber-security
            cyber-crime cyber-bullying first-hand second-hand on-going year-long week-long
            month-long day-long life-long half-way long-time wide-spread free-lance
            pre-school post-season pre-season pre-game post-game re-open re-opened re-opening
            lay-off lay-offs lock-down shut-down break-through crack-down hand-over walk-out
            roll-out clean-up stand-by work-out turn-out pay-out drop-out hold-out take-over
            push-back fall-out start-up start-ups shoot-out stand-off spill-over"""
        )
    },
    "state wide": ("statewide", None),
    "city wide": ("citywide", None),
    "cyber attack": ("cyberattack", None),
    "cyber attacks": ("cyberattacks", None),
    "cyber security": ("cybersecurity", None),
    "cyber crime": ("cybercrime", None),
    "ceasefire": ("cease-fire", None),
    "ceasefires": ("cease-fires", None),
    "pick-up truck": ("pickup truck", None),
    "pick-up trucks": ("pickup trucks", None),
    "African-American": ("African American", date(2019, 3, 29)),
    "African-Americans": ("African Americans", date(2019, 3, 29)),
    "Asian-American": ("Asian American", date(2019, 3, 29)),
    "Asian-Americans": ("Asian Americans", date(2019, 3, 29)),
    "Mexican-American": ("Mexican American", date(2019, 3, 29)),
    "Mexican-Americans": ("Mexican Americans", date(2019, 3, 29)),
    "Italian-American": ("Italian American", date(2019, 3, 29)),
    "Italian-Americans": ("Italian Americans", date(2019, 3, 29)),
    "Irish-American": ("Irish American", date(2019, 3, 29)),
    "Irish-Americans": ("Irish Americans", date(2019, 3, 29)),
    "Arab-American": ("Arab American", date(2019, 3, 29)),
    "Arab-Americans": ("Arab Americans", date(2019, 3, 29)),
    "Chinese-American": ("Chinese American", date(2019, 3, 29)),
    "Chinese-Americans": ("Chinese Americans", date(2019, 3, 29)),
    "Japanese-American": ("Japanese American", date(2019, 3, 29)),
    "Japanese-Americans": ("Japanese Americans", date(2019, 3, 29)),
}

#: Redundant phrases → leaner form (beyond AP; AP's own time redundancies are in
#: AP-TIME-03/04, so "12 noon" and "a.m. this morning" are reported there).
REDUNDANCIES: dict[str, str] = {
    "past history": "history",
    "end result": "result",
    "free gift": "gift",
    "future plans": "plans",
    "advance warning": "warning",
    "advance planning": "planning",
    "close proximity": "proximity",
    "join together": "join",
    "revert back": "revert",
    "unexpected surprise": "surprise",
    "true fact": "fact",
    "true facts": "facts",
    "each and every": "each",
    "completely destroyed": "destroyed",
    "completely eliminated": "eliminated",
    "totally destroyed": "destroyed",
    "final outcome": "outcome",
    "general consensus": "consensus",
    "consensus of opinion": "consensus",
    "new innovation": "innovation",
    "new innovations": "innovations",
    "added bonus": "bonus",
    "ATM machine": "ATM",
    "PIN number": "PIN",
    "HIV virus": "HIV",
    "past experience": "experience",
    "personal opinion": "opinion",
    "still remains": "remains",
    "armed gunman": "gunman",
    "armed gunmen": "gunmen",
    "mutual cooperation": "cooperation",
    "exact same": "same",
    "over exaggerate": "exaggerate",
    "safe haven": "haven",
    "sum total": "total",
    "first began": "began",
    "first started": "started",
    "collaborate together": "collaborate",
    "cooperate together": "cooperate",
    "merge together": "merge",
    "combine together": "combine",
    "gather together": "gather",
    "assemble together": "assemble",
    "refer back": "refer",
    "return back": "return",
    "repeat again": "repeat",
    "reiterate again": "reiterate",
    "fellow colleagues": "colleagues",
    "various different": "various",
    "still persists": "persists",
    "absolutely essential": "essential",
    "completely unanimous": "unanimous",
    "sworn affidavit": "affidavit",
    "very unique": "unique",
    "most unique": "unique",
    "really unique": "unique",
    "rather unique": "unique",
    "GPS system": "GPS",
    "LCD display": "LCD",
    "SAT test": "SAT",
}

#: Acronyms readers know without expansion (AP allows them on first reference) and
#: all-caps words that are not acronyms to explain.
KNOWN_ACRONYMS = frozenset(
    words("""AP FBI CIA NATO NASA AIDS HIV GOP NFL NBA MLB NHL NCAA CEO CFO COO CTO TV DNA RNA
    GPS ATM PC IQ UFO USB URL PDF AI EU UN US UK USA UAE COVID ISIS ISIL CNN NBC CBS ABC
    BBC NPR PBS HBO ESPN IBM NAACP YMCA YWCA FDA IRS EPA SAT ACT LGBTQ LGBT OK CD DVD GDP
    CPR ER ICU MRI SUV NASCAR UFC WNBA PGA LPGA MLS FIFA OPEC UNESCO UNICEF WHO NYPD LAPD
    FEMA ICE TSA DEA ATF NSA CDC NIH NRA ACLU MIT UCLA USC NYU RAF KGB SS ID IDs PM AM
    TNT IOU IPO NGO NGOs VIP DJ MVP RBI ERA SWAT SEAL SEALs JFK LBJ FDR MLK NAFTA ASAP
    BC AD CE BCE OPEC PTSD ADHD OCD COVID-19 SARS ALS MS EV EVs US$ AFP NYT WSJ PMF USD
    MBA GED ROTC DDS DMD DVM RN LPN CPA FM EST EDT CST CDT MST MDT PST PDT GMT UTC""")
) - {"PMF"}

#: Casual uses of "percent" AP keeps as a word ("a zero percent chance").
CASUAL_PERCENT_FOLLOWERS = frozenset(
    words(
        """sure certain chance behind committed confident right wrong true honest effort
    guarantee guaranteed positive healthy focused"""
    )
)
