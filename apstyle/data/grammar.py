# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Word lists for the grammar-level rules (our own compilation).

Each list is chosen so that, in the context its rule checks, a member settles the
question: a plural noun right after "it's", a possessed noun right after "who's", a
count noun right after "less". Words that could also be adjectives, adverbs or verbs
there ("first", "home", "job") are left out on purpose: a missed slip is better than a
false alarm on correct copy.
"""

from __future__ import annotations

from . import words

#: Nouns an organisation, a place or a thing "has": after "it's" they show the
#: possessive "its" was meant ("it's members"). Plural or otherwise never a predicate.
ITS_POSSESSED = frozenset(
    words("""own members leaders employees staff customers headquarters shares website
    readers subscribers citizens troops forces allies neighbors borders officials owners
    fans supporters workers residents teachers partners investors shareholders lawmakers
    executives users viewers listeners followers rivals banks shores waters streets
    neighborhoods hospitals factories offices branches ranks coffers finances profits
    revenues losses debts earnings assets policies name logo population""")
)

#: Adjectives that, between "it's" and a noun of `ITS_MODIFIED`, show the possessive
#: ("it's first game", "it's annual report").
ITS_ADJECTIVES = frozenset(
    words("""first second third fourth last latest annual quarterly biggest largest highest
    lowest former current top newest oldest main""")
)
ITS_MODIFIED = frozenset(
    words("""game games season quarter year report earnings profit profits loss losses
    meeting match win victory title album product products store stores plant plants
    factory office offices branch branches chief president leader leaders members owner
    owners home stadium budget plan forecast record policy rules headquarters campaign
    website app customers employees workers shareholders investors fans""")
)

#: Words after which "its" must be the contraction "it's" ("its been", "its not").
ITS_CONTRACTED_BEFORE = frozenset(
    words("""been not a an the going gonna got also still never always too about being
    nothing no""")
)
#: "its" + one of these + a clause opener is the contraction ("its unclear whether").
ITS_PREDICATES = frozenset(
    words("""unclear clear likely unlikely possible impossible important hard difficult easy
    true false time unknown obvious essential necessary crucial critical vital
    worth""")
)
CLAUSE_OPENERS = frozenset(words("""that to whether if when how why what who where for"""))

#: Nouns a person has: after "who's" they show "whose" was meant ("who's son").
WHOSE_POSSESSED = frozenset(
    words("""son sons daughter daughters wife husband mother father parents children child
    family brother brothers sister sisters name car body remains death identity lawyer
    attorney attorneys lawyers relatives grandmother grandfather grandson granddaughter
    nephew niece cousin uncle aunt fiance fiancee widow widower stepfather stepmother
    girlfriend boyfriend spouse partner's passport visa license""")
) - {"partner's"}

#: Words after which "whose" must be "who's" (who is, who has).
WHOSE_CONTRACTED_BEFORE = frozenset(
    words("""been going gonna got running coming responsible next not never already""")
)

#: What people have: after "there" or "they're" these show "their" was meant.
THEIR_POSSESSED = frozenset(
    words("""own homes home children kids families family lives parents jobs houses cars
    belongings lawyers attorneys votes ballots seats money savings businesses land
    loved names bodies""")
) - {"home", "family", "loved"}

#: Words that may stand before a misspelled "there" + possessed noun: verbs and
#: prepositions that take an object ("lost there homes", "for there children").
THERE_OBJECT_TAKERS = frozenset(
    words("""lost lose losing left leave leaving fled flee fleeing save saved saving protect
    protected protecting rebuild rebuilt rebuilding feed fed feeding raise raised raising
    support supported supporting sold sell selling love loved keep kept keeping take took
    taking took cast casting defend defended defending risk risked risking abandon
    abandoned share shared sharing of for with from about into by""")
)

#: Verbs and auxiliaries after "their" that show "there" was meant ("their is").
THERE_VERBS = frozenset(
    words("""is are was were isn't aren't wasn't weren't isn’t aren’t wasn’t weren’t""")
)

#: Determiners and adjectives after which "affect" is a noun, i.e. "effect".
AFFECT_NOUN_BEFORE = frozenset(
    words("""a an the no any little some much major big significant negative adverse
    lasting direct chilling ripple domino side net greenhouse desired opposite
    combined full immediate profound dramatic devastating positive cumulative
    deterrent calming cooling knock-on long-term short-term""")
)
#: Phrases in which "affect" stands for the noun "effect".
AFFECT_IDIOMS = frozenset({"take", "takes", "took", "taken", "taking", "into", "in"})

#: Adverbs and subjects after which "effected" means "affected" ("badly effected").
EFFECTED_BEFORE = frozenset(
    words("""adversely badly directly negatively severely deeply seriously
    disproportionately greatly heavily hardest worst most least personally also not
    residents people families communities areas those businesses farmers workers students
    customers anyone everyone countries states regions towns neighborhoods""")
)
#: Words after which a verb "effect(s)" must be "affect(s)" when an object follows.
EFFECT_VERB_BEFORE = frozenset(
    words("""will would could can may might should must to not won't wouldn't couldn't
    can't doesn't didn't don't does did won’t wouldn’t couldn’t can’t doesn’t didn’t
    don’t it this that which""")
)
#: Objects that show the verb meant is "affect" ("could effect thousands").
AFFECT_OBJECTS = frozenset(
    words("""them us him her me you how whether thousands millions hundreds people many
    everyone anyone everybody anybody residents students workers families voters
    patients consumers businesses millions""")
)
#: Nouns "effect" legitimately takes as a verb: "effect change", "effect their release".
EFFECT_OBJECTS = frozenset(
    words("""change changes reform reforms transfer release repairs repair rescue escape
    transition cure compromise settlement peace merger agreement improvement
    improvements turnaround withdrawal recovery""")
)

#: Count nouns: "less" before them should be "fewer".
COUNT_NOUNS = frozenset(
    words("""people persons jobs students cars vehicles voters votes cases deaths patients
    workers employees members troops soldiers children families homes houses items games
    restaurants stores schools teachers doctors nurses beds flights passengers tourists
    visitors fans tickets guns weapons crimes arrests accidents births calls complaints
    mistakes errors problems questions options choices words pages books meetings bills
    laws rules infections hospitalizations doses vaccines immigrants migrants refugees
    applicants candidates seats incidents attacks shootings women men girls boys kids
    adults animals trees businesses companies firms customers shoppers buyers sellers
    drivers riders users homes apartments units hospitals clinics officers agents
    games wins losses goals points runs hits""")
) - {"points", "runs", "hits"}
#: Mass nouns: "fewer" before them should be "less".
MASS_NOUNS = frozenset(
    words("""money time water information evidence traffic pollution noise food fuel energy
    rain snow rainfall snowfall electricity oil gas sugar salt fat coverage attention
    funding spending debt interest support""")
)

#: After "laying" (or "lays"), words that show nothing is being laid: "lying" was meant.
LIE_COMPLEMENTS = frozenset(
    words("""on in face dead motionless still awake unconscious beside under near at there
    here flat low around about across against next inside outside atop beneath alongside
    quietly""")
)
#: Objects after "laying down"/"lays down" that show the transitive "lay" is right.
LAY_OBJECTS = frozenset(
    words("""the a an his her their its our my your arms roots rules law markers tracks
    foundations foundation weapons guidelines conditions terms plans bricks cable cables
    pipe pipes""")
)
#: Auxiliaries before "laying" that make the intransitive reading clear.
LAYING_AFTER = frozenset(
    words("""is was were are am be been being keep kept stay stayed remain remained left
    found still""")
)
