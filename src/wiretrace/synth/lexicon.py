"""Invented word lists and sentence templates for synthetic news corpora (no third-party text)."""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = tuple(
    """
    Ada Agnes Aline Amir Anna Astrid Bastian Beatrix Ben Boris Bruno Carlos Carmen Celine Clara
    Cora Dalia Daniel Dario Dennis Dmitri Edith Elena Elif Emil Esther Fabian Farid Felix Filip
    Freya Gemma Gloria Greer Greta Gustav Hamid Hana Hector Henrik Hugo Ida Ilse Ines Irene Ivo
    Jakob Jana Joel Jonas Jorge Kaja Karin Kira Klara Kofi Lena Leon Linus Luca Lukas Magnus
    Marco Marta Maya Mira Nadia Nico Nils Noah Nora Olga Olivia Omar Oskar Ottilie Paula Pavel
    Petra Pia Piet Quentin Rafael Raoul Ronja Rosa Rune Samir Sanna Selma Sofia Stefan Teodor
    Theo Tilda Tobias Tomas Ulla Uma Umar Ursula Valentina Vera Vidar Viktor Vincent Wanda Wilma
    Wim Xavier Yara Yusuf Yvonne Zeno Zora
    """.split()
)

# Surnames are built as stem + ending ("Quill" + "ova"), 48 x 24 of them.
SURNAME_STEMS: tuple[str, ...] = tuple(
    """
    Abb Ask Bell Birk Brenn Carr Corr Dahl Drumm Ever Fenn Frost Garr Graf Hald Holm Ivar Jarn
    Kell Kess Lind Lorr Marl Mott Norr Orl Ost Penn Quill Rask Reinh Sell Tamm Torv Ulm Vall
    Varg Wend Yarr Zell Brisk Cald Hemm Lusk Mold Pell Strom Tave
    """.split()
)
SURNAME_ENDINGS: tuple[str, ...] = tuple(
    """
    owe ander olt ond ing er ley sen mann ard ell ick away ham ova ez ini ski berg quist
    ton avi ecki strand
    """.split()
)

# Towns are built as stem + suffix ("Orv" + "ale"), 40 x 20 of them.
TOWN_STEMS: tuple[str, ...] = tuple(
    """
    Orv Brin Cald Dun Esk Fal Garr Hask Ild Jess Kelv Lom Mer Nost Olb Penr Quar Ross Sten Tarr
    Ulv Vess Wex Yld Zar Abr Bel Cor Drav Elm Frel Gos Hov Ist Kor Lav Mard Nev Ost Pral
    """.split()
)
TOWN_SUFFIXES: tuple[str, ...] = tuple(
    """
    ale mere holt wick by stead ford ham ton dal vik burg mouth field haven moor ness ridge well
    thorpe
    """.split()
)

REGIONS: tuple[str, ...] = tuple(
    """
    Arven Kessel Morrow Tavia Lune Oster Brisk Calder Vennor Halden Sorrel Tamsk Ivel Dornach
    Pellam Quarrow Estmark Wendal Ryke Ostvale
    """.split()
)

# Rivers, forests, bays, roads and lines: "the {stem} River", "{stem} Bay", "{stem} Road".
FEATURE_STEMS: tuple[str, ...] = tuple(
    """
    Lessing Marrow Tessel Vara Brune Kellan Oda Ister Morven Sallow Tarn Ulla Verrin Wold
    Aske Corvin Denning Elsk Fennel Galen Harrow Ivory Juniper Kestrel Linden Mallory Nettle
    Orrin Pike Quarry Rowan Sedge Thistle Umber Vetch Willow Yarrow Alder Bracken Heron
    """.split()
)

SAINTS: tuple[str, ...] = tuple("Aldric Benedikt Corvin Elsbeth Gereon Hildur Odo Wenna".split())

# Company brands are built as stem + ending ("Vel" + "mark").
BRAND_STEMS: tuple[str, ...] = tuple(
    "Vel Nor Tri Kal Astr Bor Cen Dex Ell Fyr Gal Hex Iso Jun Lum Mer Nov Ost Pyr Qor".split()
)
BRAND_ENDINGS: tuple[str, ...] = tuple("mark tek on ex ia ora gard lux via ant".split())

#: Wire agencies: (name, short form used in datelines). All invented.
AGENCIES: tuple[tuple[str, str], ...] = (
    ("Northgate News Agency", "NNA"),
    ("Meridian Press Service", "MPS"),
    ("Allied Newswire", "ANW"),
    ("Inland Press Bureau", "IPB"),
    ("Tidewater Wire", "TWW"),
    ("Compass News Service", "CNS"),
)

#: National agencies that a wire story quotes ("told the VPA news agency").
NATIONAL_AGENCIES: tuple[str, ...] = ("VPA", "OKN", "LNB", "PRT", "SDA", "HNW")

#: Newspapers, broadcasters and sites that rewrite wire copy. All invented.
OUTLETS: tuple[str, ...] = tuple(
    line.strip()
    for line in """
    The Calder Ledger
    Norvik Evening Post
    Radio Essmoor
    Halvard Daily
    The Brindle Courier
    Westmark Online
    The Orvale Sentinel
    Lune Valley Gazette
    Morrow Morning Star
    The Tessel Herald
    Ostvale Today
    Kessel Broadcasting
    The Quarrow Observer
    Vennor Weekly
    Sorrel Times
    The Harbour Record
    Estmark News Network
    Ivel Valley Echo
    Pellam Chronicle
    The Dornach Bulletin
    Tamsk Public Radio
    The Wendal Mirror
    Ryke Regional News
    Halden Herald-Tribune
    The Arven Standard
    Brisk Current
    Tavia Daily Voice
    The Lantern Review
    Northshore Dispatch
    The Ferryman Post
    Upland Courier
    Midvale Express
    The Granary Journal
    Coastline Reporter
    The Weathervane
    Riverside Bulletin
    Stonebridge Gazette
    The Hillcrest Times
    Bellwether News
    The Signal Lamp
    Meadowgate Daily
    The Old Quay Press
    Crossroads Radio
    Lakeshore Chronicle
    The Civic Ledger
    Evening Heron
    The Milestone
    Valley Pulse
    """.strip().splitlines()
)

URL_SECTIONS: tuple[str, ...] = ("news", "local", "region", "national", "world", "latest")

#: The event types share one vocabulary domain (emergencies) so topics overlap on purpose.
#: Every type fills the same word-list slots; values may use ``{feature}`` and the like.
#: ``feature`` is a pattern for the event's landmark, ``{F}`` its stem; in ``operator`` and
#: ``authority`` patterns ``{B}`` is a company brand, ``{R}`` the region, ``{T}`` the town.
EVENT_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "flood": {
        "incident": ("flood", "flooding"),
        "hit": ("swept through", "inundated", "swamped large parts of"),
        "cause": (
            "days of torrential rain",
            "a breached levee on {feature}",
            "a sudden surge of {feature}",
        ),
        "site": ("low-lying neighbourhoods", "the riverside districts", "farmland along {feature}"),
        "hazard": ("rising water", "floodwater"),
        "outlook": (
            "more rain was forecast for the coming days",
            "the river was expected to crest again",
            "the levees remained saturated",
        ),
        "responders": ("rescue crews", "soldiers and volunteers", "emergency workers"),
        "measure": ("sandbag walls", "flood barriers", "pumping stations"),
        "probe": (
            "the state of the levees",
            "the timing of the flood warnings",
            "maintenance along {feature}",
        ),
        "restore": ("the water recedes", "the levees are repaired"),
        "disruption": (
            "rail services along the valley were suspended",
            "the main bridge over {feature} was closed",
        ),
        "warning": ("an evacuation order", "a flood alert"),
        "damage": ("homes", "buildings", "houses"),
        "expert_kind": ("hydrologist", "flood engineer"),
        "feature": ("the {F} River",),
        "operator": ("{R} Water Board", "{T} Waterways Authority"),
        "authority": ("{R} Civil Protection Agency", "{R} Flood Control Office"),
    },
    "wildfire": {
        "incident": ("wildfire", "forest fire", "blaze"),
        "hit": ("tore through", "swept across", "raced through the hills above"),
        "cause": ("a discarded cigarette", "a lightning strike", "sparks from a power line"),
        "site": ("hillside villages", "the forested edge of town", "farms near {feature}"),
        "hazard": ("the flames", "the fire front"),
        "outlook": (
            "hot, dry winds were forecast to return",
            "no rain was expected before the weekend",
        ),
        "responders": ("firefighters", "water-bombing crews", "volunteer firefighters"),
        "measure": ("firebreaks", "water tankers", "early-warning cameras"),
        "probe": (
            "the cause of the fire",
            "the clearing of dry brush",
            "the response time of fire crews",
        ),
        "restore": ("the fire is fully contained", "the area is declared safe"),
        "disruption": (
            "the highway through {feature} was closed",
            "trains through the valley were halted",
        ),
        "warning": ("an evacuation order", "a red-flag fire warning"),
        "damage": ("homes", "houses", "farm buildings"),
        "expert_kind": ("fire ecologist", "forestry expert"),
        "feature": ("the {F} Forest",),
        "operator": ("{R} Forestry Service", "{B} Grid"),
        "authority": ("{R} Fire Authority", "{R} Civil Protection Agency"),
    },
    "chemical_leak": {
        "incident": ("chemical leak", "toxic spill", "solvent leak"),
        "hit": (
            "contaminated water supplies in",
            "spread through parts of",
            "forced a shutdown of tap water in",
        ),
        "cause": ("a cracked storage valve", "a ruptured tank", "a failed pipeline seal"),
        "site": (
            "the streets near the plant",
            "neighbourhoods downstream of the site",
            "the banks of {feature}",
        ),
        "hazard": ("the spill", "contaminated water"),
        "outlook": (
            "test results from the river were still pending",
            "more of the chemical could be washed downstream",
        ),
        "responders": (
            "hazardous-materials teams",
            "firefighters in protective suits",
            "environmental inspectors",
        ),
        "measure": ("containment booms", "water filters", "monitoring stations"),
        "probe": (
            "the condition of the storage tanks",
            "the company's safety record",
            "the delay in warning residents",
        ),
        "restore": ("tests show the water is clean", "the site is declared safe"),
        "disruption": (
            "tap water was cut to several districts",
            "fishing on {feature} was banned",
        ),
        "warning": ("a do-not-drink notice", "an evacuation order"),
        "damage": ("wells", "homes", "farms"),
        "expert_kind": ("toxicologist", "environmental chemist"),
        "feature": ("the {F} River",),
        "operator": ("{B} Chemicals", "{B} Polymers"),
        "authority": ("{R} Environmental Authority", "{R} Environment Agency"),
    },
    "storm": {
        "incident": ("storm", "windstorm", "gale"),
        "hit": ("battered", "ripped through", "lashed"),
        "cause": ("winds of exceptional strength", "a fast-moving low-pressure system"),
        "site": ("the seafront", "coastal villages along {feature}", "the old harbour"),
        "hazard": ("falling trees", "storm debris"),
        "outlook": (
            "another band of wind and rain was approaching",
            "gusts were expected to pick up again overnight",
        ),
        "responders": ("repair crews", "firefighters", "utility workers"),
        "measure": ("storm barriers", "sea walls", "early warnings"),
        "probe": (
            "the warnings issued before the storm",
            "the state of the sea walls",
            "the failure of the power lines",
        ),
        "restore": ("power is restored", "the winds ease"),
        "disruption": ("ferry crossings were cancelled", "thousands of homes lost power"),
        "warning": ("a severe weather warning", "a storm alert"),
        "damage": ("roofs", "homes", "buildings"),
        "expert_kind": ("meteorologist", "climate scientist"),
        "feature": ("{F} Bay",),
        "operator": ("{B} Power", "{R} Grid Company"),
        "authority": ("{R} Weather Service", "{R} Civil Protection Agency"),
    },
    "factory_explosion": {
        "incident": ("explosion", "blast"),
        "hit": ("rocked", "tore through an industrial estate in", "shook"),
        "cause": (
            "a gas build-up in a storage hall",
            "an overheated reactor",
            "a faulty pressure valve",
        ),
        "site": ("the industrial estate", "houses near the plant", "streets around {feature}"),
        "hazard": ("toxic smoke", "secondary fires"),
        "outlook": (
            "parts of the damaged plant were still unstable",
            "smoke was still rising from the site",
        ),
        "responders": ("firefighters", "rescue teams", "search-and-rescue teams"),
        "measure": ("safety inspections", "blast walls", "gas detectors"),
        "probe": (
            "the plant's safety procedures",
            "the cause of the blast",
            "the storage of flammable materials",
        ),
        "restore": ("the site is made safe", "the smoke clears"),
        "disruption": (
            "a nearby motorway was closed",
            "windows were shattered across several streets",
        ),
        "warning": ("a shelter-in-place order", "an evacuation order"),
        "damage": ("buildings", "homes", "warehouses"),
        "expert_kind": ("safety engineer", "chemical engineer"),
        "feature": ("the {F} Industrial Park",),
        "operator": ("{B} Metals", "{B} Industries"),
        "authority": ("{R} Labour Inspectorate", "{R} Industrial Safety Board"),
    },
    "derailment": {
        "incident": ("derailment", "train crash"),
        "hit": ("disrupted", "brought chaos to", "shut down the centre of"),
        "cause": ("a broken rail", "a signalling fault", "excessive speed on a bend"),
        "site": ("the station district", "houses beside the tracks", "the {feature} corridor"),
        "hazard": ("leaking fuel", "twisted wreckage"),
        "outlook": (
            "cranes were still needed to lift the wagons",
            "the line was expected to stay closed for days",
        ),
        "responders": ("rescue teams", "firefighters", "railway engineers"),
        "measure": ("track inspections", "new signals", "speed limits"),
        "probe": ("the condition of the track", "the signalling system", "the speed of the train"),
        "restore": ("the wreckage is cleared", "the line is repaired"),
        "disruption": (
            "all trains on {feature} were cancelled",
            "a level crossing in the centre was blocked",
        ),
        "warning": ("an evacuation order", "a safety cordon"),
        "damage": ("homes", "buildings", "cars"),
        "expert_kind": ("rail safety expert", "transport engineer"),
        "feature": ("the {F} Line",),
        "operator": ("{B} Rail", "{R} Railways"),
        "authority": ("{R} Rail Accident Board", "{R} Transport Safety Agency"),
    },
    "landslide": {
        "incident": ("landslide", "mudslide"),
        "hit": ("buried part of", "engulfed the outskirts of", "struck"),
        "cause": ("weeks of heavy rain", "unstable slopes above the town", "a burst water main"),
        "site": ("hillside streets", "houses below {feature}", "the upper town"),
        "hazard": ("shifting mud", "loose earth"),
        "outlook": (
            "the slope above the town was still moving",
            "more rain could loosen the hillside again",
        ),
        "responders": ("rescue teams", "soldiers with excavators", "mountain rescue crews"),
        "measure": ("retaining walls", "slope sensors", "drainage channels"),
        "probe": (
            "building permits on the slope",
            "earlier warnings from geologists",
            "the state of the drainage",
        ),
        "restore": ("the slope is stable", "geologists give the all-clear"),
        "disruption": (
            "the road over {feature} was buried",
            "the water supply to the upper town was cut",
        ),
        "warning": ("an evacuation order", "a landslide warning"),
        "damage": ("houses", "homes", "buildings"),
        "expert_kind": ("geologist", "soil engineer"),
        "feature": ("{F} Ridge",),
        "operator": ("{R} Highways Agency", "{T} Water Company"),
        "authority": ("{R} Geological Survey", "{R} Civil Protection Agency"),
    },
    "dam_breach": {
        "incident": ("dam breach", "dam failure"),
        "hit": ("flooded", "sent a wall of water into", "swamped"),
        "cause": ("a crack in the dam wall", "weeks of record inflows", "a failed spillway gate"),
        "site": ("villages below the dam", "the valley floor", "the lower town"),
        "hazard": ("rising water", "debris-filled water"),
        "outlook": (
            "engineers were still checking the damaged wall",
            "water levels in {feature} remained high",
        ),
        "responders": ("rescue crews", "army engineers", "emergency workers"),
        "measure": ("dam inspections", "spillway repairs", "warning sirens"),
        "probe": (
            "the last inspection of the dam",
            "the failure of the sirens",
            "the maintenance of the spillway",
        ),
        "restore": ("the dam is secured", "the water recedes"),
        "disruption": ("the valley road was washed away", "power to the valley was cut"),
        "warning": ("an evacuation order", "a flood alert"),
        "damage": ("homes", "houses", "bridges"),
        "expert_kind": ("dam engineer", "hydrologist"),
        "feature": ("the {F} Reservoir",),
        "operator": ("{B} Hydro", "{R} Water Board"),
        "authority": ("{R} Dam Safety Office", "{R} Civil Protection Agency"),
    },
    "warehouse_fire": {
        "incident": ("warehouse fire", "fire", "blaze"),
        "hit": (
            "gutted a warehouse district in",
            "engulfed a logistics hub in",
            "sent toxic smoke over",
        ),
        "cause": (
            "an electrical fault",
            "a fault in a charging station",
            "improperly stored chemicals",
        ),
        "site": (
            "the logistics district",
            "streets downwind of the fire",
            "the area around {feature}",
        ),
        "hazard": ("thick smoke", "the flames"),
        "outlook": (
            "the ruins were still smouldering",
            "smoke could drift over the town again if the wind turned",
        ),
        "responders": ("firefighters", "fire crews from three towns", "emergency workers"),
        "measure": ("sprinkler systems", "fire inspections", "smoke alarms"),
        "probe": (
            "the fire permits of the warehouse",
            "the storage of hazardous goods",
            "the working of the sprinklers",
        ),
        "restore": ("the smoke clears", "the ruins are cooled"),
        "disruption": ("residents were told to keep windows closed", "the ring road was closed"),
        "warning": ("a smoke warning", "an evacuation order"),
        "damage": ("buildings", "businesses", "warehouses"),
        "expert_kind": ("fire safety engineer", "fire investigator"),
        "feature": ("{F} Road",),
        "operator": ("{B} Logistics", "{B} Freight"),
        "authority": ("{R} Fire Authority", "{R} Fire and Rescue Service"),
    },
    "gas_explosion": {
        "incident": ("gas explosion", "gas blast"),
        "hit": ("destroyed an apartment block in", "levelled buildings in", "ripped through"),
        "cause": ("a leaking gas main", "a faulty boiler", "a damaged supply pipe"),
        "site": ("the old town", "apartment blocks along {feature}", "the surrounding streets"),
        "hazard": ("leaking gas", "unstable rubble"),
        "outlook": (
            "several damaged buildings were at risk of collapse",
            "gas pipes in the area were still being checked",
        ),
        "responders": ("rescue teams", "firefighters", "search teams with dogs"),
        "measure": ("gas inspections", "pipe replacements", "leak detectors"),
        "probe": (
            "the age of the gas mains",
            "earlier reports of a gas smell",
            "the last safety check",
        ),
        "restore": ("the buildings are declared safe", "the gas network is checked"),
        "disruption": (
            "gas supplies to the district were shut off",
            "the tram line through the centre was halted",
        ),
        "warning": ("an evacuation order", "a safety cordon"),
        "damage": ("apartments", "buildings", "homes"),
        "expert_kind": ("structural engineer", "gas safety expert"),
        "feature": ("{F} Street",),
        "operator": ("{B} Gas", "{T} Gas Works"),
        "authority": ("{R} Energy Regulator", "{R} Building Inspectorate"),
    },
}

OFFICIAL_TITLES: tuple[str, ...] = ("Mayor",)
MINISTER_TITLES: tuple[str, ...] = (
    "Interior Minister",
    "Environment Minister",
    "Regional Governor",
    "Infrastructure Minister",
)
CHIEF_TITLES: tuple[str, ...] = ("Fire Chief", "Police Chief", "Rescue Commander")
WITNESS_JOBS: tuple[str, ...] = (
    "teacher",
    "shop owner",
    "retired nurse",
    "bus driver",
    "baker",
    "farmer",
    "student",
    "electrician",
)

#: Interchangeable words and phrases (same part of speech and inflection). Originals pick
#: among them as a house style; rewrites swap them again as light paraphrase.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("about", "around", "roughly"),
    ("nearly", "almost"),
    ("residents", "locals", "inhabitants"),
    ("officials", "authorities"),
    ("began", "started"),
    ("quickly", "rapidly", "swiftly"),
    ("serious", "severe"),
    ("extra", "additional"),
    ("warned", "cautioned"),
    ("remained", "stayed"),
    ("closed", "shut"),
    ("neighbourhoods", "districts"),
    ("promised", "pledged", "vowed"),
    ("examining", "investigating", "looking into"),
    ("estimates", "projections", "assessments"),
    ("disaster", "catastrophe"),
    ("deployed", "dispatched"),
    ("crews", "teams"),
    ("volunteers", "helpers"),
    ("roads", "streets"),
    ("towns", "municipalities"),
    ("investigation", "inquiry", "probe"),
    ("critics", "opponents"),
    ("businesses", "firms", "companies"),
    ("shops", "stores"),
    ("difficult", "hard", "tough"),
    ("extremely", "very", "exceptionally"),
    ("cars", "vehicles"),
    ("meeting", "session"),
    ("families", "households"),
    ("shelters", "refuges"),
    ("elderly", "older"),
    ("concerns", "worries"),
    ("opened", "launched"),
    ("urged", "told"),
    ("recovered", "found"),
    ("so far", "to date"),
    ("taken to hospital", "brought to hospital", "hospitalised"),
    ("at the scene", "on site", "at the site"),
    ("rest", "remainder"),
    ("education office", "schools office", "education department"),
    ("stay away from", "keep away from", "avoid"),
    ("chamber of commerce", "business association"),
    ("hotline", "helpline", "help desk"),
    ("temporary", "interim"),
    ("kind", "type"),
    ("critical", "decisive", "crucial"),
    ("each", "every"),
    ("towns like", "places such as", "communities like"),
    ("news conference", "press conference", "briefing"),
    ("told reporters", "told journalists"),
    ("through the night", "overnight"),
    ("ongoing", "continuing"),
    ("help", "support"),
    ("percent", "per cent"),
    ("kilometres", "km"),
    ("spent the night", "stayed overnight"),
)

#: One-way paraphrases (the reverse would not always read well), used by rewrites only.
PHRASES: tuple[tuple[str, str], ...] = (
    ("more than", "over"),
    ("at least", "no fewer than"),
    ("in a statement", "in a written statement"),
    ("as well as", "and"),
    ("it is too early", "it is premature"),
    ("for comment", "for a response"),
    ("were forced from their homes", "had to flee their homes"),
    ("state of emergency", "emergency"),
    ("remained in hospital", "were still being treated"),
    ("declined to comment", "would not comment"),
)

# Sentence templates by role. Every name, place, organisation and sentence in this module was
# written for wiretrace. A story walks the roles in this order (``generator._PLAN``); the
# sentences a rewrite adds come from @context, titles and "READ ALSO" lines from @headline.
#
# Notation, compiled once by ``wiretrace.synth.generator``:
# - ``{slot}`` is an event fact (``{town}``, ``{n_injured}``) or a word list of the event type
#   (``{incident}``, ``{hazard}``); ``{Slot}`` capitalises the first letter.
# - ``[a|b|c]`` picks one alternative at random each time; an empty alternative drops words.
# - ``!dead`` or ``!nodead`` at the start keeps a template for events with or without deaths.
# - A ``@role`` line starts a block; an indented line continues the template above it.
#
# Templates put a slot or an alternation every few words, and stories written from scratch pick
# among SYNONYMS as a house style, so two of them seldom share an 8-word run by chance. The
# generator also keeps each new story clear of the recent ones. Re-run tests/synth after
# editing: they check that every template renders for every event type.
TEMPLATES = """
@lead
[At least|More than|Nearly] {n_evacuated} people [were forced from their homes|had to leave
    their homes|were evacuated] after [a|the] {incident} {hit} {town} [on {weekday}|early on
    {weekday}|late on {weekday}], [officials|local authorities|emergency officials] said.
{Town} [declared|announced] a state of emergency on {weekday} after [a|the] {incident} [left
    damage across|caused havoc in] {site}, [forcing|prompting] the evacuation of [about|some|
    around] {n_evacuated} residents.
A {incident} [blamed on|triggered by] {cause} {hit} {town} in the {region} region on {weekday},
    [injuring|hurting] {n_injured} people and [driving|forcing] {n_evacuated} [from their
    homes|out of their homes].
[Emergency services|Authorities] in {town} were [racing|scrambling] on {report_weekday} to
    [respond to|deal with] [a|the] {incident} that has [injured|hurt] {n_injured} people and
    [displaced|uprooted] {n_evacuated} [residents|others], the {authority} said.
!dead [At least|] {n_dead} people [died|were killed|lost their lives] and {n_injured} [were
    injured|were hurt] when [a|the] {incident} {hit} {town} on {weekday}, [officials|rescue
    officials|the authorities] said.
@lead2
The {incident} [began|started] at about {clock} on {weekday}, [when|after] {cause} [was first
    reported|was spotted] in {district_a}, according to the {authority}.
[Officials|Investigators] [said|believe] the {incident} was [caused by|set off by] {cause}, [and
    that|although] the [first|earliest] [alarm|warning] [came|was raised] at {clock}.
[Most of|Much of] the damage was [concentrated|reported] in {district_a} and {district_b}, two
    [districts|neighbourhoods] [close to|near] {feature}, [the council said|officials said].
The {authority} [issued|put out] {warning} [for|covering] {district_a} [shortly after|within an
    hour of] the [first reports|first alarm] at {clock}, [it said|a spokesperson said].
@casualties
[In all,|Altogether,|Overall,] {n_injured} people were [treated for injuries|taken to
    hospital|treated at the scene|hurt], and {n_hospital} [remained|were still] in hospital on
    {report_weekday}, the {hospital} said.
!nodead No deaths [were reported|have been reported], [but|although] {n_hospital} people were
    [in serious condition|being treated for serious injuries] at the {hospital}, [doctors|staff]
    said.
!dead [Rescuers|Search teams] [recovered|found] the [bodies|remains] of {n_dead} people by
    {report_weekday}, and [officials|police] [warned|said] [that|] the [toll|number of dead]
    could [rise|still rise].
Doctors at the {hospital} said [most|many] of the [injured|patients] had [cuts and
    bruises|breathing problems|minor injuries], [while|and] {n_hospital} [needed surgery|were in
    intensive care].
Among the {n_injured} injured [were|are] {n_children} children, [the|a] {hospital} [spokesperson
    said|statement said].
@responders
[About|Some|More than] {n_responders} {responders} were [deployed|sent to {town}|called in]
    [overnight|through the night|by {report_weekday} morning], {chief_title} {chief} said.
{Responders} [spent|worked through] the night [in|around] {district_a} [using|with] {measure}
    [to deal with|to tackle] {hazard}, [officials|the {authority}] said.
[Extra crews|Reinforcements|Additional teams] [were brought in|arrived] from {town2}, and
    {n_responders} {responders} [remained|were still] [on duty|at work] on {report_weekday}.
{Chief_last} said [crews|teams] had [reached|searched] [most of|nearly all] the
    [affected|damaged] [buildings|streets] in {district_b} by [nightfall|late {weekday}].
@evacuation
[Around|About|Some] {n_evacuated} residents [spent the night|were staying] in {n_shelters}
    [emergency|temporary] shelters [set up|opened] in [schools|sports halls|community centres],
    [the council said|according to the council].
[Residents|Families|People] in {district_a} and {district_b} were [told|ordered|urged|asked] to
    [leave|stay away from] [their homes|the area|their streets] until {restore}, [officials|the
    {authority}|the council] said.
[Buses|Coaches] [took|carried] [elderly residents|people without cars] from {district_b} to [a
    reception centre|shelters] in {town2}, where [volunteers|aid workers] [handed out|gave out]
    [blankets and food|hot meals and blankets].
[Local|City] officials said {n_damaged} {damage} had been [damaged|affected] in {town},
    [and|while] {n_destroyed} were [destroyed|beyond repair|no longer safe to live in].
@quote_official
"[We|Our teams|The crews] [moved|got|brought] [people|families|residents|everyone] out
    [before|ahead of|just before] [the worst of it|the worst|the {incident} reached
    {district_a}], [and|but|yet] the [next|coming] {days_short} days [will be|are going to
    be|remain] [critical|decisive]," {official_title} {official} [said|told reporters] [on
    {report_weekday}|at a news conference|outside the town hall].
"[This is|It is] the [worst|most serious] {incident} {town} has [seen|faced] since {year_prev},
    [and|but] [nobody|no one] in {district_a} [should|will] [be left|have to cope] [alone|on
    their own]," {official_last} said.
{Official_title} {official} [called the {incident}|described the {incident} as] "[a disaster
    for|a heavy blow to] [every|each] family in {district_a}" and [promised|pledged] that
    [help|support] would [arrive|reach them] [within days|quickly].
"[I want|We want] [every|each] [resident|household] in {town} to [know|hear] that [help is
    coming|the council is with them|nobody is forgotten], [but|and] [please|we ask people to|I
    urge everyone to] [stay away|keep away] from {feature} [for now|until we say it is safe|for
    a few more days]," {official_last} [said|added].
@casualty_quote
"[Conditions|The conditions|The scenes] in {district_b} [were|have been] [extremely
    difficult|very hard|brutal], [but|and|yet] [my crews|our people|all our teams] [have not
    stopped|kept going|have worked without a break] [since|from] the [first call|first
    alarm|first report] at {clock}," {chief_title} {chief} [said|told reporters].
{Chief_last} said [crews|teams] [had been hampered|were slowed] by {hazard} in {district_a},
    [adding|and added] that {n_missing} people [were still|remained] [unaccounted for|missing].
"[We saw|We treated] {n_injured} [patients|people] [in a single night|within hours], [and|but]
    [most|many] of them [will|should] [recover|go home soon]," said {doctor}, a doctor at the
    {hospital}.
@operator
"[We are|The company is] [cooperating fully|working closely|in close contact] with the
    [authorities|{authority}|investigators], [and|but] [it is too early to|we cannot yet|nobody
    can yet] [say|judge|know] [what|exactly what|precisely what] [went wrong|caused
    this|happened in {town}]," {operator} spokesperson {spokesperson} said.
{Operator} said [in a statement|on its website|in a note to residents] [that|] it [had|has] [set
    up|opened|started] a [hotline|help desk|support line] for [residents|families|people] in
    {town} and would [cover|pay for|fund] [temporary housing|emergency repairs|hotel rooms].
A spokesperson for {operator}, {spokesperson}, [declined to comment|would not comment] on
    {probe}, [citing|pointing to] the [ongoing|continuing] investigation by the {authority}.
@voices
"[What we saw|What we have seen] in {town} [is|was] [exactly|precisely] the [kind|type] of
    {incident} [we|experts|my colleagues] [have warned about|feared] since {year_prev},
    [and|but] [it|this] [will|could] [happen again|not be the last|repeat itself]," said
    {expert}, a {expert_kind} at {university}.
{Expert}, a {expert_kind} at {university}, said the {incident} [showed|exposed] [how|just how]
    [vulnerable|exposed] [towns like|places such as] {town} [still are|remain] to {cause}.
"[The|Our] [data|measurements] [show|suggest] [an event|an incident] of this [size|scale]
    [happens|occurs] [once in|about once every] {return_years} years, [yet|but] [it|this] has
    [now|] happened twice in {region}," {expert_last} said.
"[I woke up|We woke up] to [shouting|sirens] [in the street|outside] at {clock}, [and|so]
    [within minutes|in minutes] [everything|the whole street] was [gone|ruined]," said
    {witness}, {witness_age}, [who lives in|a resident of] {district_a}.
{Witness}, a {witness_age}-year-old {witness_job} from {district_b}, said [the|their] family had
    lost [almost|nearly|] everything [in|during] the {incident}.
"[Nobody|No one] [told|warned] us [anything|a thing] until it was [far|much|] too late [to save
    anything|to pack|], [and|so] [now|today|tonight] we [have nothing|are sleeping in a school
    in {town2}|are staying with relatives in {town2}]," {witness_last} said.
@government
{Minister_title} {minister} [promised|pledged|announced] {cost_aid} million euros in [emergency
    aid|immediate relief] for {town} [and|as well as] [surrounding|nearby]
    [villages|communities] [on {report_weekday}|during a visit on {report_weekday}].
"[The government|This government] will [not leave|not abandon] {town} [alone|on its own],
    [and|but] [we|I] [also|] [want|need] [answers on|clarity on|answers regarding] {probe},"
    {minister_title} {minister_last} told the {agency2} news agency.
[Speaking|In comments] to {agency2}, {minister_last} said the {region} region would
    [receive|get] [extra|additional] [funds|money] [to rebuild|for rebuilding] {damage} [and|as
    well as] [roads|infrastructure] in {district_b}.
The {region} [regional|provincial] government [said it would|plans to] [send|deploy] {n_staff}
    [extra|additional] [staff|engineers] [to|into] {town} [by|before] {next_weekday}.
@investigation
[Police|Prosecutors] [have opened|opened] an [investigation|inquiry] into {probe}, and
    {chief_title} {chief_last} said [no arrests had been made|nobody had been arrested] [so
    far|yet].
[Investigators|Inspectors] from the {authority} [were|are] [examining|looking into] {probe}, [a
    process|work] that [could|may] [take|last] up to {report_weeks} weeks, [it said|the
    authority said].
The {authority} said [it|its inspectors] had [found|identified] [signs|evidence] that {cause}
    [had|] [played a role|contributed], [but|although] [it|the authority] [did not assign
    blame|named no one as responsible].
[Questions have|Concerns have|Criticism has] also been raised [over|regarding] {probe}, with
    [opposition|local] [councillors|politicians] in {town} [calling for|demanding] [an
    independent|a public] [inquiry|review].
@damage
The [cost|bill] of [repairs|the damage] in {town} [could|may] [reach|exceed|run to] {cost}
    million euros, according to [early|preliminary|first] estimates from the {authority}.
[In all,|Altogether,] {n_damaged} {damage} were [damaged|affected], [and|while]
    [about|some|around] {percent} percent of [businesses|shops] in {district_b} [remained
    closed|stayed shut] on {report_weekday}.
[Insurers|Insurance companies] [said|estimated] [claims|payouts] [could|would likely|might]
    [reach|top] {cost_insured} million euros, [making it|which would make it] [one of the
    costliest|one of the most expensive] [events|emergencies|disasters] [of its kind|on record]
    in {region} [since {year_prev}|for decades|in a generation].
[Farmers|Businesses] [near|along] {feature} [reported|said they faced] [losses|damage]
    [of|worth] [more than|about] {cost_local} million euros, [the|a] [local chamber of
    commerce|farmers' association in {town}] said.
@disruption
{Disruption}, and {n_roads} roads [around|near] {town} [remained|stayed] [closed|shut] on
    {report_weekday}, [the {authority} said|officials said].
[In all,|Altogether,] {n_schools} schools in [and around|] {town} [were closed|stayed shut]
    [for|through] the [rest of the week|coming days], [the education office said|officials
    said].
[Power|Electricity] was [cut|out] to [about|around|some] {n_power} [homes|households] in {town}
    [for several hours|overnight], [the grid operator said|utility officials said].
[Drivers|Motorists] were [told|urged] to [avoid|stay off] the [main road|roads]
    [between|linking] {town} and {town2}, [which|and it] [could|may] [remain|stay] closed [until
    {restore}|for {days_short} days].
@background
{Town}, a [town|market town|river town] of [about|some] {population} people [about|roughly] {km}
    kilometres [from|north of|south of] {city}, [last|previously] [suffered|saw] a
    [serious|major] {incident} in {year_prev}.
[The|That] {year_prev} {incident} in {town} [led to|prompted] [promises|pledges] of
    [better|more] {measure}, [but|yet] [critics|residents] [say|said] [little|not enough]
    [was|had been] [built|done].
{Operator}, which [employs|has] [about|some] {staff} people in {region}, [has|had] [faced|been
    hit with] [fines|criticism] [before|in the past], [including|most recently] in {year_fine}.
[Scientists|Experts] say [such|these] [events|disasters] are [becoming|growing] [more
    frequent|more common] in {region}, [which|and the area] [recorded|saw] {count_prev}
    [similar|comparable] [incidents|emergencies] [over|in] the [past|last] decade.
@outlook
[Officials|The authorities] [warned|cautioned] on {report_weekday} that [the danger had not
    passed|the situation in {town} remained fragile], [as|because] {outlook}.
[Officials|The council] said {warning} for {district_a} would [remain|stay] in [place|force]
    [until|at least until] {next_weekday}, [when|after which] [engineers|inspectors]
    [would|will] [decide|assess] [whether|if] [residents|people] [can|could] [return|go back].
[Clean-up|Repair] work in {town} [is expected|was expected] to [take|last] [at
    least|about|around] {days} days, [and|while] [some|many] [families|residents] [may|might]
    not [return|be able to return] [home|to their homes] [for weeks|before next month].
The {authority} [said it would|promised to|expects to] [publish|release|present] [a full
    report|its findings|a first report|an interim report] [on|about|into] the {incident} [in
    {town}|at {feature}] [within|in] {report_weeks} weeks.
@closing
[The|A] [council|city council] [meeting|session] on the {incident} [is scheduled|was set] for
    {next_weekday}, [when|and] {official_title} {official_last} [is expected to|will]
    [present|set out] a [recovery plan|rebuilding plan].
[A|The] [fund|collection] [for|to help] [affected|displaced] [families|residents] of {town} [had
    raised|has raised] [more than|about] {fund} euros by {report_weekday} [evening|afternoon],
    [organisers|the organisers] said.
[Residents|People] in {town} [seeking|who need] [help|information] [were|have been] [told|asked]
    to [call|contact] the council [hotline|helpline] [or|and] [check|follow] [official|its]
    [channels|updates] until {restore}.
@context
[This|It] is the [second|third|latest] {incident} to [hit|strike|affect] {region} [this year|in
    recent months|since {ctx_year}].
{Outlet} [has contacted|reached out to|asked] {operator} for [comment|a response] [and will
    update this article|but had not heard back by the time of publication].
[Our|This] [reporter|newspaper] [visited|spoke to residents in] {district_a} on
    {report_weekday}, where [many|most] [shops|homes] [were still|remained] [empty|shuttered].
[Readers|Residents] in {town} can [find|check] [updates|the latest information] on [road
    closures|shelters] on the [council|{town} council] website.
[Local|Regional] [lawmakers|representatives] from {region} [are expected to|will]
    [discuss|debate] the [response|emergency] [at|during] [a special session|their next meeting]
    [next week|on {next_weekday}].
The {incident} [comes|came] [weeks|months] after [a report|an audit] [warned|found] that
    [many|several] [towns|municipalities] in {region} [were|remained] [poorly
    prepared|unprepared] for [such|similar] [events|emergencies].
[Earlier|Previously], {outlet} [reported|had reported] that [residents|locals] in {district_b}
    had [complained of|raised concerns over|voiced worries over] {probe}.
[Meanwhile|In the meantime], [neighbouring|nearby] {town2} [offered|has offered] to [take
    in|house] [families|evacuees] from {town} [if needed|should the situation worsen].
[Photos|Images] [shared|posted] [online|on social media] [showed|appeared to show]
    [cars|vehicles] [stranded|abandoned] [near|along] {feature} [in|outside] {town}.
[The|This] [article|story] [was|has been] [updated|changed] [with|to include] [new|the latest]
    [figures|information] from the [authorities|{authority}] [in|for] {town}.
{Outlet} [will|is going to] [follow|keep following] the [story|situation] in {town} [as it
    develops|in the coming days].
@headline
{Incident} [forces|drives] {n_evacuated} from [their homes|homes] in {town}
{Town} {incident}: {n_injured} injured, {n_evacuated} evacuated
[Residents flee|Thousands flee|Families flee] as {incident} [hits|strikes] {town}
{Incident} in {town} leaves {n_injured} injured[|, {n_hospital} in hospital]
{Town} [declares|announces] emergency after {incident}
!dead {N_dead} dead [as|after] {incident} [hits|strikes] {town}
[Investigation|Inquiry] [opened|launched] into {town} {incident}
[Cost of|Damage from] {town} {incident} [could reach|put at] {cost} million euros
Mayor of {town} [vows|promises] [help|support] after {incident}
{Incident} [hits|strikes] {town} in {region}[|, {n_injured} hurt]
"""
