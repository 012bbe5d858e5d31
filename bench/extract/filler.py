"""Filler sentences for the synthetic corpus: context that carries numbers which are not claims.

Every sentence here must stay a non-claim under spec/claims.md: years, distances,
trucks, delegates, money, hours, ages, refugees and students are counted, but no
party puts them forward as a count of the fighting.
"""

# ruff: noqa: E501  (data: one sentence per line reads better than split strings)
from __future__ import annotations

import random

from vocab import MONTHS, WEEKDAYS, Conflict

# Sentences about the fighting itself that carry no figure (or only a time or a year).
CLASH_CONTEXT: tuple[str, ...] = (
    "Both sides used heavy weapons, including mortars and artillery, during the exchange of fire.",
    "The claims could not be independently verified, and neither side provided evidence.",
    "Residents said the firing continued until dawn and that families fled to safer villages.",
    "The firing began at around {hour} pm and lasted for about {hours_word} hours, residents said.",
    "The clashes were described by analysts as the most serious since {year}.",
    "Journalists are not allowed into the area, which makes independent verification difficult.",
    "Videos shared on social media appeared to show plumes of smoke rising from hilltop positions.",
    "Officials on both sides traded accusations over who had fired first.",
    "Markets and schools in the border towns remained closed on the following day.",
    "The exchange subsided by midnight, although sporadic gunfire was heard in the morning.",
    "Local elders called on both sides to show restraint and reopen the roads.",
    "Ambulances were seen heading towards the district hospital late in the evening.",
    "Mobile phone services were suspended in parts of the area as a precaution.",
    "Neither side released the names of those involved.",
    "The latest violence follows weeks of rising tension along {line}.",
    "Security was tightened around government buildings in {b_capital} and {a_capital}.",
    "A curfew was imposed in several villages for {hours} hours.",
    "Witnesses said they heard at least {small_word} loud explosions before the firing stopped.",
)

# Quotes that carry no figure: threats, appeals, justifications.
QUOTES: tuple[str, ...] = (
    '"We will respond with full force to any aggression against our territory," {official} said.',
    '"Our forces are on high alert and ready to defend every inch of the homeland," {official} told {outlet}.',
    '"This was a measured response to repeated provocations," {official} said in a televised address.',
    '"We do not want war, but we will not accept violations of our sovereignty," {official} added.',
    '"The situation is under control," {official} told reporters in {capital}.',
    '"Dialogue is the only way forward," {official} said, urging the other side to return to talks.',
    '"Those responsible will be held accountable," {official} said in a post on X.',
)

FAMILIES: dict[str, tuple[str, ...]] = {
    "trade_afpak": (
        "The Torkham crossing, which handles most of the trade between the two countries, was closed for the {ordinal} time this year.",
        "Traders said more than {trucks} trucks loaded with fruit, vegetables and coal were stranded on both sides of the border.",
        "Bilateral trade fell to about ${money} billion in {year}, according to the Pakistan Business Council.",
        "Drivers said they had been waiting for {days} days in temperatures above {temp} degrees Celsius.",
        "Some {containers} containers of transit goods bound for Central Asia were held at Karachi port.",
        "The chamber of commerce estimated daily losses at around ${money_m} million.",
        "A {delegates}-member trade delegation had been due to visit {a_capital} in {month}.",
        "Prices of tomatoes in Peshawar rose by {pct} percent within a week of the closure.",
        "Customs officials said clearance at the Chaman crossing had slowed to about {trucks_small} vehicles a day.",
        "Afghan exporters of dried fruit said they had missed the peak season for shipments to India via Wagah.",
        "The Kabul-Peshawar road, about {road_km} kilometres long, is the main artery for goods moving east.",
        "A new trade agreement signed in {year} cut tariffs on {items_word} categories of goods.",
        "Transporters' unions threatened a strike if the crossings were not reopened within {days_word} days.",
        "Coal exports from Afghanistan to Pakistan reached {tonnes} tonnes a month before the closure.",
    ),
    "refugees_afpak": (
        "More than {refugees} million Afghans have returned from Pakistan since the deportation drive began in {year}.",
        "The UN refugee agency said about {returnees} people crossed back through Torkham in the past week alone.",
        "Aid groups warned that the winter would be difficult for families living in tents at the {camp_km}-kilometre mark from the border.",
        "Pakistan hosts Afghan refugees who first arrived after {old_year}, many of whom were born in the country.",
        "A reception centre near the crossing can process around {capacity} people a day, officials said.",
        "Schools run for refugee children in Peshawar have lost {students} students since the start of the year.",
        "Families returning with their belongings in rented trucks said they had lived in Pakistan for {decades_word} decades.",
        "The World Food Programme said it needed ${money_m} million to feed returnees over the next {months_word} months.",
        "At the Omari camp near Torkham, aid workers registered new arrivals late into the night.",
        "Many returnees own no land in Afghanistan and have nowhere to go, aid agencies said.",
        "The proof-of-registration cards of Afghan refugees expired on {month} {day}, {year}.",
    ),
    "diplomacy_afpak": (
        "Talks mediated by Qatar and Turkey were held in Doha for {days_word} days in {month}.",
        "A {delegates}-member delegation led by the foreign minister travelled to {a_capital} earlier this year.",
        "The two sides agreed in {year} to set up a joint coordination committee, which met {meetings_word} times.",
        "China has offered to host a trilateral meeting of foreign ministers, the {ordinal} such meeting since {old_year}.",
        "Saudi Arabia and Qatar called for restraint and dialogue to prevent further instability in the region.",
        "Diplomats said a ceasefire agreed in {month} had largely held until last week.",
        "The Afghan foreign minister was on a {days_word}-day visit to India when the fighting broke out.",
        "Pakistan's special envoy for Afghanistan visited {a_capital} {meetings_word} times last year.",
        "Officials said the talks covered border management, trade and the movement of people.",
        "The ambassador was summoned to the foreign ministry and handed a formal protest note.",
        "A spokesman for the UN secretary-general said the organisation was following events closely.",
        "Iran offered to host a meeting of the neighbouring countries' special envoys in {month}.",
    ),
    "history_afpak": (
        "The Durand Line, drawn in {durand_year}, stretches for about 2,640 kilometres across mountains and deserts.",
        "Kabul has never formally recognised the Durand Line as an international border.",
        "Pakistan has fenced more than {fence_pct} percent of the border since work began in {fence_year}.",
        "Relations between the two neighbours have deteriorated since the Taliban returned to power in August 2021.",
        "Islamabad accuses Kabul of sheltering Tehrik-i-Taliban Pakistan fighters, a charge the Taliban deny.",
        "The border region is home to Pashtun tribes whose families live on both sides of the line.",
        "The former tribal areas were merged into Khyber Pakhtunkhwa in 2018.",
        "The fence, built at a cost of about ${fence_cost} million, is {fence_m} metres high in places.",
        "The Taliban captured Kabul on 15 August 2021 as US-led forces completed their withdrawal.",
        "Pakistan was one of only three countries that recognised the first Taliban government in the 1990s.",
    ),
    "security_ttp": (
        "The TTP ended a ceasefire with the government in November 2022.",
        "Khyber Pakhtunkhwa's police force has about {police} officers, according to the provincial government.",
        "The provincial government announced a compensation package of Rs{rupees} million for the families.",
        "The National Counter Terrorism Authority was revived in {year} after a {gap}-year gap.",
        "A {age}-year-old shopkeeper said he had closed his shop early after hearing the gunfire.",
        "The Bannu cantonment, built in {old_year}, houses several military installations.",
        "Pakistan launched Operation Azm-e-Istehkam in June 2024 to counter militancy.",
        "Analysts said the group had grown bolder since the Taliban takeover in Kabul.",
        "The highway linking Bannu to Miranshah was closed to traffic for {hours} hours.",
        "Police in the province have been equipped with {vehicles_n} new armoured personnel carriers this year.",
        "The provincial chief minister chaired a meeting on law and order on {weekday}.",
        "The Peshawar High Court adjourned the hearing of a petition on the matter until {month} {day}.",
        "Residents of the district have held sit-ins demanding peace since {year}.",
        "The provincial cabinet approved the recruitment of {police_small} additional police constables.",
    ),
    "politics_pak": (
        "The National Assembly was adjourned for {hours} hours after opposition lawmakers staged a walkout.",
        "The prime minister chaired a meeting of the apex committee attended by {delegates} officials.",
        "Opposition leaders demanded an in-camera briefing for parliament's {committee}-member security committee.",
        "The provincial budget allocated Rs{rupees} billion to the police for the {fiscal} fiscal year.",
        "Elections in the province are due in {future_year}.",
        "The federal cabinet met for {hours_word} hours on {weekday} to review the security situation.",
        "A parliamentary committee of {committee} members was formed to oversee the new counter-terrorism law.",
        "The opposition said the government had failed to brief parliament on its Afghanistan policy.",
    ),
    "diplomacy_loc": (
        "India and Pakistan agreed in February 2021 to observe the ceasefire along the Line of Control.",
        "The Line of Control, which runs for about 740 kilometres, divides the disputed region.",
        "The two countries have fought {wars_word} wars over Kashmir since independence in 1947.",
        "Foreign ministers of the two countries met on the sidelines of a regional summit in {month} {year}.",
        "The United States and the Gulf states urged both governments to de-escalate.",
        "Flights at {airports} airports in northern India were suspended for {hours} hours.",
        "The Indus Waters Treaty, signed in 1960, was put in abeyance by New Delhi.",
        "The Kartarpur corridor, opened in 2019, was closed to pilgrims until further notice.",
        "Both countries closed their airspace to each other's airlines for {days} days.",
        "Diplomats said back-channel contacts between the two national security advisers continued.",
        "India's ministry of external affairs summoned Pakistan's charge d'affaires on {weekday}.",
    ),
    "history_loc": (
        "Kashmir has been divided between India and Pakistan since 1947.",
        "About {pilgrims} pilgrims had been expected to take part in a yatra in {month}.",
        "Schools within {km} kilometres of the Line of Control were ordered shut.",
        "Residents of border villages said they had spent {nights_word} nights in underground bunkers.",
        "The Srinagar-Jammu highway, about 250 kilometres long, was closed for {hours} hours.",
        "Tourist arrivals in the valley fell by {pct} percent compared with the same month in {year}.",
        "The state government announced ex gratia relief of Rs {rupees} lakh for each affected family.",
    ),
    "diplomacy_thaicam": (
        "The border dispute dates back to maps drawn during the French colonial period in {colonial_year}.",
        "The International Court of Justice ruled on the Preah Vihear temple in 1962 and again in 2013.",
        "Malaysia, which chairs ASEAN, offered to mediate between the two neighbours.",
        "A meeting of the General Border Committee was scheduled for {month} {day}.",
        "Both countries recalled their ambassadors and expelled {diplomats_word} diplomats each.",
        "Trade between the two countries was worth about ${money} billion last year.",
        "Thailand sealed all {crossings_word} permanent border checkpoints with Cambodia in {month}.",
        "The Angkor Wat temple complex attracted about {tourists} million visitors in {year}.",
        "ASEAN foreign ministers issued a joint statement urging an immediate ceasefire.",
        "Thai fruit exporters said shipments worth {money_m} million baht were stuck at the border.",
    ),
    "refugees_thaicam": (
        "Authorities said more than {evacuees} residents had been moved to temporary shelters in {n_shelters} districts.",
        "Schools in {n_shelters} border districts were closed until further notice.",
        "Volunteers distributed {meals} meals a day at the evacuation centres, local officials said.",
        "Some {workers} Cambodian migrant workers have returned home from Thailand since June.",
        "Hospitals in the province moved patients to underground wards as a precaution.",
        "Evacuees said they had left their homes with only what they could carry.",
        "The Thai government set aside {money_m} million baht for relief in the border provinces.",
    ),
    "diplomacy_rusukr": (
        "Delegations from both countries met in Istanbul for talks that lasted less than {hours} hours.",
        "The two sides agreed to exchange {pows} prisoners of war in each of several rounds, negotiators said.",
        "European leaders met in {month} to discuss a {billion}-billion-euro support package.",
        "The war, which began in February 2022, has displaced millions of people.",
        "Washington's envoy held {meetings_word} rounds of meetings with officials in Moscow and Kyiv.",
        "The European Union adopted its {ordinal} package of sanctions against Russia in {month}.",
        "The International Atomic Energy Agency said its inspectors at the Zaporizhzhia plant were safe.",
        "A grain corridor in the Black Sea has carried about {tonnes_m} million tonnes of cargo since {year}.",
        "Officials said a summit of G7 leaders would discuss frozen Russian assets worth about ${billion} billion.",
    ),
    "energy_rusukr": (
        "Power was restored to about {homes} homes by the evening, the grid operator said.",
        "Ukrenergo said scheduled outages of up to {hours} hours would continue in several regions.",
        "The refinery processes about {barrels} million tonnes of crude a year.",
        "Kyiv's metro stations were used as shelters by thousands of residents during the alerts.",
        "Air raid alerts lasted for {hours_word} hours in the capital overnight.",
        "Repair crews worked through the night on a substation that feeds {homes} households.",
        "Gas prices in Europe rose by {pct} percent after the attack on the pipeline hub.",
    ),
    "humanitarian_generic": (
        "The International Committee of the Red Cross said its teams were ready to help evacuate the wounded.",
        "Aid agencies said access to the affected villages remained difficult because of damaged roads.",
        "The World Health Organization sent {kits} trauma kits to hospitals in the region.",
        "Blood donation camps were set up in {n_shelters} cities after hospitals appealed for donors.",
        "A {age}-year-old teacher said the school where she works had been shut for {days} days.",
        "Local volunteers set up kitchens serving food to displaced families.",
        "The UN children's agency said {students} children had missed school because of the violence.",
    ),
    "media_generic": (
        "Reporters were taken on a guided tour of the area by military officials on {weekday}.",
        "Internet services were restored after {hours} hours, telecom operators said.",
        "The information ministry warned against sharing unverified videos on social media.",
        "A journalists' union said {reporters_word} reporters had been barred from entering the district.",
        "Fact-checkers said several videos circulating online were from an earlier conflict in {old_year}.",
        "Television channels aired patriotic songs through the evening.",
    ),
    "economy_generic": (
        "The central bank kept its key rate at {rate} percent at its meeting in {month}.",
        "Inflation eased to {pct} percent in {month}, the statistics bureau said.",
        "The government expects the economy to grow by {growth} percent in the {fiscal} fiscal year.",
        "The International Monetary Fund approved a ${money} billion loan programme in {year}.",
        "The stock market fell {pct} percent on Monday before recovering some of its losses.",
        "Officials said {students} students would sit their exams at alternative centres.",
        "Fuel prices were raised by {rupees} units per litre from the first of the month.",
        "The currency weakened by {pct_small} percent against the dollar during the week.",
        "Remittances rose to ${money} billion in {month}, the central bank said.",
    ),
}

BOILERPLATE: tuple[str, ...] = (
    "ALSO READ: {n} things to know about the {year} budget",
    "Advertisement",
    "Share this article",
    "Follow us on WhatsApp for the latest updates",
    "Read more: How {n} years of conflict shaped the region",
    "RELATED: Markets close {pct}% lower as tensions rise",
    "Subscribe to our newsletter",
    "(With inputs from agencies)",
    "Listen to this article | {n} min read",
)


def _ordinal(n: int) -> str:
    """Return `n` as an English ordinal ("3rd")."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def slots(rng: random.Random, conflict: Conflict, year: int) -> dict[str, str]:
    """Return values for every slot a filler sentence may name, drawn from `rng`."""
    words = ("two", "three", "four", "five", "six", "seven")
    official = rng.choice((*conflict.a.officials, *conflict.b.officials))
    return {
        "year": str(year - rng.randint(0, 3)),
        "old_year": str(rng.randint(1979, 2005)),
        "future_year": str(year + rng.randint(1, 3)),
        "durand_year": "1893",
        "fence_year": "2017",
        "colonial_year": str(rng.choice((1904, 1907, 1908))),
        "fiscal": f"{year}-{(year + 1) % 100:02d}",
        "month": rng.choice(MONTHS),
        "day": str(rng.randint(1, 28)),
        "weekday": rng.choice(WEEKDAYS),
        "hour": str(rng.randint(7, 11)),
        "hours": str(rng.choice((6, 8, 12, 24, 36, 48, 72))),
        "hours_word": rng.choice(words),
        "days": str(rng.randint(3, 21)),
        "days_word": rng.choice(words),
        "nights_word": rng.choice(words),
        "meetings_word": rng.choice(words),
        "wars_word": "three",
        "diplomats_word": rng.choice(words),
        "small_word": rng.choice(words),
        "ordinal": _ordinal(rng.randint(2, 9)),
        "trucks": f"{rng.randint(2, 9) * 1000:,}",
        "containers": f"{rng.randint(3, 40) * 100:,}",
        "money": f"{rng.randint(10, 39) / 10:.1f}",
        "money_m": str(rng.randint(2, 25)),
        "billion": str(rng.randint(5, 90)),
        "rupees": str(rng.randint(2, 60)),
        "delegates": str(rng.randint(5, 40)),
        "committee": str(rng.randint(9, 30)),
        "pct": str(rng.randint(3, 45)),
        "fence_pct": str(rng.randint(85, 98)),
        "rate": f"{rng.randint(50, 220) / 10:.1f}",
        "growth": f"{rng.randint(10, 45) / 10:.1f}",
        "temp": str(rng.randint(38, 47)),
        "refugees": f"{rng.randint(8, 19) / 10:.1f}",
        "returnees": f"{rng.randint(8, 60) * 1000:,}",
        "camp_km": str(rng.randint(2, 15)),
        "capacity": f"{rng.randint(3, 12) * 1000:,}",
        "students": f"{rng.randint(15, 900) * 100:,}",
        "police": f"{rng.randint(110, 130) * 1000:,}",
        "gap": str(rng.randint(2, 9)),
        "age": str(rng.randint(19, 70)),
        "airports": str(rng.randint(8, 32)),
        "pilgrims": f"{rng.randint(20, 400) * 1000:,}",
        "km": str(rng.choice((3, 5, 8, 10, 15))),
        "evacuees": f"{rng.randint(10, 140) * 1000:,}",
        "n_shelters": str(rng.randint(3, 12)),
        "meals": f"{rng.randint(5, 60) * 1000:,}",
        "workers": f"{rng.randint(50, 800) * 1000:,}",
        "pows": str(rng.choice((84, 90, 95, 103, 146, 150, 175, 205, 246))),
        "homes": f"{rng.randint(20, 400) * 1000:,}",
        "barrels": str(rng.randint(4, 17)),
        "n": str(rng.randint(3, 12)),
        "trucks_small": str(rng.randint(40, 400)),
        "road_km": str(rng.choice((224, 230, 240))),
        "items_word": rng.choice(words),
        "tonnes": f"{rng.randint(20, 300) * 1000:,}",
        "tonnes_m": str(rng.randint(10, 90)),
        "decades_word": rng.choice(("two", "three", "four")),
        "months_word": rng.choice(("three", "six", "nine")),
        "fence_m": str(rng.choice((3, 4))),
        "fence_cost": str(rng.randint(45, 90) * 10),
        "vehicles_n": str(rng.randint(10, 90)),
        "police_small": f"{rng.randint(2, 15) * 1000:,}",
        "crossings_word": rng.choice(("six", "seven")),
        "tourists": f"{rng.randint(8, 25) / 10:.1f}",
        "kits": str(rng.randint(20, 300)),
        "reporters_word": rng.choice(words),
        "pct_small": f"{rng.randint(5, 40) / 10:.1f}",
        "line": conflict.line_name,
        "a_capital": conflict.a.capital or conflict.b.capital,
        "b_capital": conflict.b.capital,
        "capital": rng.choice([c for c in (conflict.a.capital, conflict.b.capital) if c]),
        "official": official[0],
        "outlet": rng.choice(("Reuters", "AFP", "reporters", "state television", "Al Jazeera")),
    }


def _pick(rng: random.Random, pool: tuple[str, ...] | list[str], used: set[str]) -> str:
    """Return a sentence of `pool` not yet in `used` (any, once all are used) and mark it used."""
    fresh = [s for s in pool if s not in used]
    choice = rng.choice(fresh or list(pool))
    used.add(choice)
    return choice


def filler_paragraph(rng: random.Random, conflict: Conflict, year: int, sentences: int, used: set[str]) -> str:
    """Return one paragraph of `sentences` non-claim sentences on one of the conflict's topics.

    `used` holds the templates the article has already used, so a page does not repeat itself.
    """
    topics = (*conflict.topics, "humanitarian_generic", "media_generic")

    def fresh_family() -> tuple[str, ...]:
        """Return a family with sentences the page has not used (any family once all are spent)."""
        fresh = [t for t in topics if any(s not in used for s in FAMILIES[t])]
        return FAMILIES[rng.choice(fresh or list(topics))]

    family = fresh_family()
    values = slots(rng, conflict, year)
    out = []
    for _ in range(sentences):
        if all(s in used for s in family):
            family = fresh_family()  # a paragraph may drift to a second topic, as real ones do
        pool = CLASH_CONTEXT if rng.random() < 0.15 else family
        out.append(_pick(rng, pool, used).format(**values))
    return " ".join(dict.fromkeys(out))


def context_sentence(rng: random.Random, conflict: Conflict, year: int, used: set[str]) -> str:
    """Return one sentence about the fighting that states no claim."""
    return _pick(rng, CLASH_CONTEXT, used).format(**slots(rng, conflict, year))


def quote_sentence(rng: random.Random, conflict: Conflict, year: int, used: set[str]) -> str:
    """Return a quoted sentence without a figure, attributed to an official of either side."""
    return _pick(rng, QUOTES, used).format(**slots(rng, conflict, year))


def boilerplate_line(rng: random.Random, conflict: Conflict, year: int) -> str:
    """Return one line of page furniture (related links, share prompts)."""
    return rng.choice(BOILERPLATE).format(**slots(rng, conflict, year))
