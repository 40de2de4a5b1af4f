"""Word lists behind the name rules: titles, roles, organisation words, stop words.

Kept apart from the rules so a reviewer can extend a list without reading the matcher, and so
the matcher stays short. Every list is compared lower-case (dots removed) unless it says not.
"""

from __future__ import annotations

from functools import lru_cache


def words(text: str) -> frozenset[str]:
    """A word list written as running text (one long string is easier to extend and review)."""
    return frozenset(text.split())


# Words that open a clause, never a name, even an organisation's ("But Democratic Party").
FUNCTION_WORDS = words(
    """
    but and or nor so yet if when while as then in on at to for from by with without into
    after before during since until although though because however meanwhile moreover also
    still even instead according asked speaking pictured picutred earlier later yesterday
    tonight tomorrow now once again only just this that these those there here it its he she
    they we i you his her their our your my monday tuesday wednesday thursday friday saturday
    sunday
    """
)

# Capitalised words that begin sentences or headlines but never start a name.
STOPWORDS = words(
    """
    a an the this that these those there here it its he she they we i you his her their our
    your my me him them us who whom whose what when where why how which while as if so than
    then but and or nor not no yes all any some each every both either neither one two three
    four five six seven eight nine ten dozens hundreds thousands millions many much more most
    few several such other another same own in on at to for from by with without within into
    onto over under after before during since until till about above below between among
    against along across around behind beyond near off out up down upon via per despite
    although though because unless whether even instead however meanwhile moreover also still
    yet already earlier later today tonight yesterday tomorrow now once again also only just
    according asked speaking pictured picutred pic photo image video clip caption watch read
    timeline update updated breaking live exclusive analysis opinion comment editorial
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december feb apr jun jul aug sep sept oct nov dec
    former late ex acting interim deputy senior junior top chief new old young elderly
    capital provincial province city town village district region country nation state
    government officials official sources source witnesses residents police troops forces
    fighters militants insurgents soldiers army islamic islamist islamists muslim muslims
    christian jewish arab arabs western eastern northern southern central
    north south east west
    many said says told reported according
    """
)

# Nationality and group adjectives: "Afghan lawmakers", "British troops", "Qatari mediator".
DEMONYMS = words(
    """
    afghan afghans american americans british briton britons english scottish welsh irish
    french german germans italian spanish portuguese dutch belgian swiss austrian swedish
    norwegian danish finnish polish czech slovak hungarian romanian bulgarian greek turkish
    russian russians ukrainian belarusian georgian armenian azerbaijani iranian iraqi syrian
    lebanese jordanian israeli israelis palestinian palestinians egyptian libyan tunisian
    algerian moroccan saudi yemeni omani emirati qatari kuwaiti bahraini pakistani pakistanis
    indian indians bangladeshi nepali chinese japanese korean vietnamese thai indonesian
    malaysian filipino australian canadian mexican brazilian argentine argentinian chilean
    colombian venezuelan cuban african nigerian kenyan ethiopian somali sudanese south
    european asian western soviet uzbek tajik turkmen kazakh kyrgyz pashtun hazara tajiks
    sunni shia shiite republican republicans democrat democrats democratic conservative
    conservatives labour liberal tory tories socialist communist nationalist islamist
    jihadist jihadists taliban's
    """
)

# Honorifics that belong to how a person is written: kept inside the mention ("Mr Wallace").
HONORIFICS = words("mr mrs ms miss mx dr sir dame lord lady")

# Titles and roles that introduce a person's name but are not part of it.
TITLES = words(
    """
    president pres vice prime minister secretary chancellor governor gov senator sen rep
    representative atty attorney
    congressman congresswoman gen general lt lieutenant col colonel maj major capt captain
    sgt sergeant cpl corporal adm admiral brig brigadier cmdr commander chief ambassador envoy
    spokesman spokeswoman spokesperson judge justice king queen prince princess sheikh shaikh
    mullah mawlawi maulvi imam ayatollah mayor speaker pope emir chairman chairwoman chair
    director professor prof supt superintendent inspector det detective officer agent
    marshal field premier president-elect deputy warlord leader assistant undersecretary
    under-secretary associate
    """
)

# Lower-case words right before a name that say it is a person ("spokesman Ned Price").
PERSON_CUES = words(
    """
    spokesman spokeswoman spokesperson envoy minister chairman chairwoman leader chief
    commander warlord lawmaker lawmakers official president secretary ambassador governor
    mediator correspondent resident member councillor councilor mp senator general colonel
    major captain director analyst expert professor reporter journalist photographer
    editor author writer presenter host founder boss coach manager captain premier mayor
    activist negotiator diplomat judge lawyer attorney prosecutor nominee candidate veteran
    militant fighter commissioner negotiator mullah sheikh cleric preacher imam emir king
    queen prince princess adviser advisor aide deputy counterpart colleague wife husband
    son daughter brother sister father mother actor actress singer star player striker
    economist scientist doctor nurse teacher student citizen farmer shopkeeper driver
    """
)

# Verbs of speech and stance after a name ("Hashimi said", "Churchill say").
SPEECH_VERBS = words(
    """
    said says say told tells tell added adds stated states claimed claims warned warns
    admitted admits tweeted tweets confirmed confirms announced announces acknowledged
    acknowledges insisted insists explained explains noted notes called calls criticised
    criticized criticises criticizes blasted blasts blamed blames argued argues wrote writes
    asked asks replied replies urged urges vowed vows declared declares denied denies
    accused accuses praised praises described describes revealed reveals suggested suggests
    believed believes thinks thought agreed agrees told recalled recalls mentioned
    """
)

# Last words that make a capitalised sequence an organisation.
ORG_SUFFIXES = words(
    """
    committee ministry department party council corp corporation inc ltd llc plc co company
    agency army navy force forces police university college school institute institution
    foundation association union federation league alliance movement front organisation
    organization commission authority bureau office service services command group bank fund
    programme program court tribunal assembly parliament congress senate cabinet government
    administration embassy consulate news times post radio television tv network press
    journal channel broadcasting reuters publishing publishers books press house
    emirate caliphate brigade brigades battalion regiment corps guard guards militia
    society club team airline airlines airways group holdings partners industries
    laboratories labs systems technologies motors convention conference campaign pac
    lines international coalition caucus institute exchange board bourse ag ab sa nv gmbh oy spa bv kk pty bhd cie
    reserve savings fed trust
    brothers bros metals foods stores products chemicals resources mines minerals petroleum
    oil gas energy electric financial capital securities investments markets growers
    producers manufacturing communications electronics pharmaceuticals realty properties
    insurance mutual mining poll review shipping railroad railways associates underwriters
    """
)

# First words that make a run a firm or body whatever follows ("Societe Generale", "Banco di
# Roma", "Caisse des Depots"): continental names put the organisation word first.
ORG_FIRST = words(
    """
    societe banque banco banca compagnie caisse groupe gruppo instituto institut sociedad
    companhia empresa corporacion compania
    """
)

# First words of an organisation named "X of Y" / "X for Y".
ORG_HEADS = words(
    """
    ministry department office university bank council commission committee court board
    institute school college church house league union federation organisation organization
    agency bureau secretary high supreme national world international united society
    """
)

# Last words that make a capitalised sequence a place without a gazetteer entry.
PLACE_SUFFIXES = words(
    """
    square street road avenue highway motorway bridge airport airbase base mosque shrine
    palace river valley mountains mountain mount hills lake sea ocean gulf bay desert island
    islands peninsula pass park stadium camp prison district province county city
    kot koh gah abad shahr bazar qala kala tower towers building hotel museum cathedral
    station harbour harbor canal heights beach falls springs gardens coast plaza center
    centre belt garden creek
    """
)

# Event words that end a capitalised sequence naming a war, a deal or a summit, not an entity.
EVENT_SUFFIXES = frozenset(
    "war wars games cup olympics summit agreement accord act bill treaty day week"
)

# Organisations and groups news refers to by one bare name or acronym (compared folded).
KNOWN_ORGS = words(
    """
    taliban nato bbc cnn afp reuters unhcr unicef unesco wfp imf opec fbi cia nsa mi5
    mi6 pentagon kremlin hamas hezbollah hizbollah isis isil daesh alqaeda alqaida un eu
    amnesty bloomberg twitter facebook google microsoft amazon tiktok youtube instagram
    whatsapp nbc msnbc cbs ndtv unama icrc interpol europol nasa
    """
) | frozenset(
    {
        "al qaida",
        "al qaeda",
        "al jazeera",
        "united nations",
        "european union",
        "african union",
        "red cross",
        "red crescent",
        "amnesty international",
        "human rights watch",
        "world bank",
        "sky news",
        "fox news",
        "islamic state",
        "boko haram",
        "al shabaab",
        "white house",
        "state department",
        "foreign office",
        "home office",
        "downing street",
        "federal reserve",
        "fannie mae",
        "freddie mac",
    }
)

# Regions and continents without an ISO code.
REGIONS = words(
    """
    asia europe africa americas oceania antarctica arctic balkans caucasus sahel gaza kashmir
    scandinavia siberia patagonia
    """
) | frozenset(
    {
        "middle east",
        "far east",
        "central asia",
        "south asia",
        "southeast asia",
        "east asia",
        "west africa",
        "east africa",
        "north africa",
        "latin america",
        "south america",
        "north america",
        "central america",
        "persian gulf",
        "west bank",
        "gaza strip",
    }
)

# Words before a name that make it a place: "province of X", "city of X", "capital of X".
PLACE_CUES_BEFORE = (
    "province of",
    "city of",
    "town of",
    "capital of",
    "village of",
    "district of",
    "region of",
    "state of",
    "outskirts of",
    "capital,",
    "capital",
    "in the city",
    "governor of",
)

# Given names that are also everyday English words: a capital on them at the start of a
# sentence says nothing ("Will the talks resume?", "Mark the date"), so they count as a first
# name only inside a sentence or when what follows reads as a surname.
EVERYDAY_GIVEN_NAMES = words(
    """
    will mark rose bill art hope grace faith joy dawn summer autumn winter rich frank pat sue
    max glen dale guy jack iris lily ruby amber crystal pearl daisy holly ivy heather olive
    violet penny sandy rusty chase hunter price page rob drew gene ray sol val jade star angel
    earnest noble bishop sterling cash
    destiny charity harmony honor honour justice liberty victory trinity happy sunny storm
    river brook brooks forest hazel june april august may patience prudence mercy
    """
)

# Words in the given-name dictionary that are never a first name in English news text:
# pronouns, particles, country and group words, everyday nouns of business news.
NOT_GIVEN_NAMES = words(
    """
    can long young sun general royal china india israel jordan chad georgia victoria
    el le la al de di du da van von der den bin ibn abu ben the un an in on to so my he his
    me you one five nine just even here than said per till mon tue thu jun christian
    major king queen prince princess judge justice emir gen sen maj atty vice son aide
    german thai tory sunni argentine georgian bay river abad kala co mall man men take lion
    phoenix sky eden unity are be golden union national federal central western eastern
    january february march april may june july august september october november december
    het les los las il lo die das des
    monday tuesday wednesday thursday friday saturday sunday boy girl real last
    """
)

# Stop words that are also surnames, kept at the end of a name after a given name: "Theresa
# May", "Kanye West", "Neil Young" (not "North Dakota Tuesday").
SURNAME_STOPWORDS = words("may march june april august west north south young little long")

# Organisations named after people, which read as a given name and a surname.
EPONYMOUS_ORGS = frozenset(
    {
        "morgan stanley",
        "goldman sachs",
        "merrill lynch",
        "lehman brothers",
        "salomon brothers",
        "shearson lehman",
        "dean witter",
        "kidder peabody",
        "drexel burnham",
        "drexel burnham lambert",
        "paine webber",
        "smith barney",
        "charles schwab",
        "jp morgan",
        "j p morgan",
        "morgan grenfell",
        "morgan guaranty",
        "bear stearns",
        "wells fargo",
        "dow jones",
        "philip morris",
        "johnson johnson",
        "procter gamble",
        "marks spencer",
        "ernst young",
        "arthur andersen",
        "price waterhouse",
        "hewlett packard",
        "rolls royce",
        "walt disney",
        "edward jones",
        "raymond james",
        "jardine matheson",
        "john lewis",
        "tommy hilfiger",
        "calvin klein",
        "ralph lauren",
        "estee lauder",
        "louis vuitton",
        "christian dior",
        "yves saint laurent",
        "hugo boss",
        "chase manhattan",
        "first boston",
        "dow corning",
        "ginnie mae",
        "sallie mae",
    }
)


@lru_cache(maxsize=1)
def _given_names() -> dict[str, int]:
    """gender-guesser's dictionary of ~45k first names from many countries, folded.

    Read from its data file rather than through ``Detector``: only the names and how common
    each is are needed (the highest of the per-country frequency digits, 1 = rare .. 13 =
    very common), and a plain dict is faster to build and to query. Loaded once, on first use.
    """
    from pathlib import Path

    import gender_guesser

    from explorer.extract.gazetteer import _fold

    out: dict[str, int] = {}
    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line[:1] in "#=" or len(line) < 31:
                continue
            parts = line.split(None, 2)
            # Frequency digits are 1-9 then A-D: ASCII order is numeric order here.
            digits = line[30:86].translate(_NOT_DIGITS)
            freq = int(max(digits), 16) if digits else 1
            name = parts[1]
            for variant in {name.replace("+", "-"), name.replace("+", "")}:
                key = variant.lower() if variant.isascii() and variant.isalpha() else _fold(variant)
                if key and out.get(key, 0) < freq:
                    out[key] = freq
    for w in NOT_GIVEN_NAMES:
        out.pop(w, None)
    return out


_NOT_DIGITS = str.maketrans("", "", " $\r\n\t")


def given_name(word: str) -> int:
    """How common ``word`` is as a first name (1 rare .. 13 very common), 0 when it is not one.

    Already folded keys and surface forms both work ("José", "JOSE", "jose").
    """
    from explorer.extract.gazetteer import fold

    return _given_names().get(fold(word), 0)
