"""Extractive answers: quotes that stand in their sources, cited; plain words when nothing is found."""

from __future__ import annotations

import re

from bot.answering.extractive import extractive_answer
from bot.index.swedish import CompoundSplitter
from tests.answering.sample_hits import BUDGET, DANS, REGIONAL, hit

HITS = [BUDGET, REGIONAL, DANS]


def test_quotes_stand_in_their_sources_and_every_marker_has_a_citation():
    result = extractive_answer("Vilken dansinstitution drivs gemensamt av Falkenberg och Kungsbacka?", HITS)
    assert result.found and result.mode == "extractive"
    by_n = {c.n: c for c in result.citations}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}
    assert markers and markers <= by_n.keys()
    sources = {h.source: h.text for h in HITS}
    assert all(c.quote in sources[c.source] for c in result.citations)
    assert by_n[1].source == DANS.source  # the relevant passage first, although the hit ranked last
    assert "Rum för Dans" in result.answer


def test_compound_words_match_their_parts():
    samverkan = hit(5, "Samverkan med kommunerna sker i flera olika former, bland annat i nätverk och på konferenser.")
    result = extractive_answer("Vilka samverkansformer finns?", HITS + [samverkan])
    assert result.found and result.citations[0].source == samverkan.source


def test_nothing_relevant_says_so_instead_of_quoting_noise():
    result = extractive_answer("Vilka regler gäller för fiske med nät i sjöar?", HITS)
    assert not result.found and result.citations == []
    assert "hittade inget" in result.answer and "formulera om" in result.answer


def test_tables_and_page_furniture_are_not_quoted():
    table = hit(4, "| Ärende | Beteckning |\n| --- | --- |\n| Rum för Dans dansinstitution | KFT-2024-00001 |\n\n"
                   "Rum för Dans är en dansinstitution i Halland som får stöd av kommunen.")
    result = extractive_answer("Vad är Rum för Dans?", [table])
    assert result.found and "|" not in result.answer and "dansinstitution i Halland" in result.answer


def _markers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", text)]


def _bullets(answer: str) -> list[str]:
    """The answer's quotes, in order."""
    return answer.split("\n• ")[1:]


def test_a_neighbour_that_answers_another_part_of_the_question_joins_the_quote():
    plan = hit(6, "Biblioteksplanen gäller för åren 2025 till 2030 i hela kommunen. Den följs upp av nämnden "
                  "varje år i verksamhetsberättelsen.\n\nBokbussen kör till tolv orter i kommunen.")
    result = extractive_answer("Vilka år gäller biblioteksplanen och hur följs den upp?", [plan])
    assert result.found
    quote = result.citations[0].quote
    assert "2025 till 2030" in quote and "följs upp" in quote  # one verbatim passage of both sentences
    assert quote in plan.text and "Bokbussen" not in result.answer


def test_several_relevant_passages_of_one_section_share_one_number():
    decision = dict(source="protokoll.md", section="§ 24 Hanhals IF", title="Protokoll", dnr="KFT-2024-00100")
    a = hit(7, "Nämnden beslutar att dra in föreningsbidraget till Hanhals IF om ingen åtgärdsplan kommer in.",
            page_start=12, page_end=12, **decision)
    b = hit(8, "Under 2023 betalades 381 549 kr i föreningsbidrag ut till Hanhals IF.", page_start=13, page_end=13,
            **decision)
    result = extractive_answer("Vad beslutade nämnden om Hanhals IF och hur mycket föreningsbidrag fick de 2023?",
                               [a, b, BUDGET])
    assert "dra in föreningsbidraget" in result.answer and "381 549 kr" in result.answer
    assert len(result.citations) == 1  # the source list names the section once ...
    c = result.citations[0]
    assert set(_markers(result.answer)) == {c.n} and (c.page_start, c.page_end) == (12, 13)  # ... with its pages
    assert c.quote in a.text or c.quote in b.text


def test_a_passage_repeated_in_another_hit_is_quoted_once():
    proposal = hit(1, "Förvaltningen föreslår att nämnden antar riktlinjerna för offentlig konst i Kungsbacka.")
    decision = hit(2, "Nämnden beslutar: Förvaltningen föreslår att nämnden antar riktlinjerna för offentlig konst "
                      "i Kungsbacka.")
    result = extractive_answer("Vad föreslogs om riktlinjerna för offentlig konst?", [proposal, decision])
    assert result.answer.count("antar riktlinjerna") == 1


def test_a_short_sentence_takes_the_next_one_along_for_context():
    short = hit(9, "Rum för Dans får stöd. Stödet är 200 000 kronor om året och gäller till och med 2026.")
    result = extractive_answer("Får Rum för Dans stöd?", [short])
    assert result.citations[0].quote == short.text  # "Rum för Dans får stöd." alone says too little


STATEMENT = hit(
    10,
    "I skrivelsen föreslås att förvaltningen ska ta initiativ till en regional konferens om regional samverkan "
    "på kulturområdet.\n\nFörvaltningens synpunkter\n\nRegional samverkan inom kulturområdet finns redan i "
    "regionen.\n\nNågra exempel:\n• Staden ingår i dialogen om en handlingsplan för kulturella och kreativa "
    "näringar.\n• Samverkan pågår kring länsfunktionerna som konsulentverksamhet inom dans och film.\n"
    "• Förvaltningen är aktiv i föreningen Storstockholms kultur- och fritidschefer.",
    title="Svar på skrivelse om samverkansmodellen", section="Ärendet; Förvaltningens synpunkter",
)


def test_a_list_answers_a_which_question_whole_each_item_on_its_own_line():
    result = extractive_answer("Vilka regionala samverkansformer finns inom kulturområdet?", [STATEMENT])
    assert result.found
    first = result.answer.split("\n• ")[1]  # the first quote, with its list
    assert first.startswith("Regional samverkan inom kulturområdet finns redan")
    items = [line.strip() for line in first.splitlines()[1:]]
    assert [i[:2] for i in items] == ["– "] * 3 and "Storstockholms kultur- och fritidschefer" in items[2]
    # the administration's view, not the proposal it answers, and the source says where it stands
    assert "I skrivelsen" not in first
    assert result.citations[0].section == "Förvaltningens synpunkter"
    assert result.citations[0].quote in " ".join(STATEMENT.text.split())


def test_a_list_item_is_quoted_with_the_introduction_of_its_list():
    uppdrag = hit(11, "Regeringen ger Statens kulturråd i uppdrag att se över kultursamverkansmodellen.\n\n"
                      "Myndigheten ska:\n• Se över hur den administrativa resursåtgången kan minska.\n"
                      "• Se över om giltighetstiden för de regionala kulturplanerna bör förlängas.\n"
                      "• Lämna förslag om hur samverkansrådets uppdrag och roll kan förtydligas.")
    result = extractive_answer("Hur ska samverkansrådets roll förtydligas?", [uppdrag])
    assert result.found
    assert "Myndigheten ska: …\n  – Lämna förslag om hur samverkansrådets" in result.answer
    assert "giltighetstiden" not in result.answer  # the items in between are left out, marked by "…"
    assert result.citations[0].quote in uppdrag.text


def test_a_list_item_is_found_by_a_sentence_other_than_its_first():
    folkhalsa = hit(14, "Förvaltningen arbetar förebyggande:\n"
                        "- ANDTS (alkohol, narkotika, doping, tobak och spel om pengar). Vi håller föreläsningar "
                        "på föräldramöten. Tillsammans med gymmen och polisen genomförs 100% ren hårdträning för "
                        "att skapa gym fria från dopning.\n"
                        "- Trygga krogmiljöer genom tillsyn tillsammans med andra myndigheter.")
    result = extractive_answer("Vad är 100% ren hårdträning för något?", [folkhalsa])
    assert result.found
    assert "genomförs 100% ren hårdträning för att skapa gym fria från dopning" in result.answer
    assert "krogmiljöer" not in result.answer


def test_a_when_question_gets_the_sentence_with_the_date():
    uppdrag = hit(12, "Regeringen uppdrar åt Statskontoret att göra en översyn av uppföljningen av "
                      "kultursamverkansmodellen. Statskontoret ska beskriva strukturen på regional och nationell "
                      "nivå. Målstrukturer och ansvarsfördelning ska analyseras och värderas.\n\nUppdraget ska "
                      "genomföras i dialog med Regeringskansliet. Uppdraget ska redovisas senast den 15 juni 2018.")
    result = extractive_answer("När skulle Statskontoret redovisa översynen av kultursamverkansmodellen?", [uppdrag])
    assert result.found and "senast den 15 juni 2018" in result.answer


def test_a_sentence_counts_the_agenda_item_it_stands_under():
    kallelse = hit(
        13,
        "3. Initiativ från Alliansen: stärkt brottsförebyggande arbete\n\nFörslag: Nämnden ansöker om "
        "1 000 000 kr i bidrag från kommunstyrelsens satsning.\n\n4. Initiativ från Alliansen: ökade "
        "aktiviteter för äldre på boenden\n\nFörslag: Nämnden ansöker om 500 000 kr i bidrag från "
        "kommunstyrelsens satsning.",
        section="3. Initiativ från Alliansen: stärkt brottsförebyggande arbete; "
                "4. Initiativ från Alliansen: ökade aktiviteter för äldre på boenden",
    )
    result = extractive_answer("Hur mycket bidrag ville Alliansen söka för aktiviteter för äldre?", [kallelse])
    assert result.found
    first = result.answer.split("\n• ")[1]
    assert "500 000 kr" in first and "1 000 000" not in first
    assert result.citations[0].section == "4. Initiativ från Alliansen: ökade aktiviteter för äldre på boenden"


def test_one_shared_word_is_not_an_answer():
    # "köttbullar" stands in the speech, and "lagar" (cooks) stems like "lag" (law): nothing about cooking
    tal = hit(14, "Där hittar man svenska paradrätter som inlagd sill och gravad lax, köttbullar och raggmunk "
                  "med fläsk. Maten är en del av vårt internationella varumärke.")
    result = extractive_answer("Hur lagar man köttbullar?", [tal])
    assert not result.found and result.citations == []


def test_a_compound_counts_for_the_word_it_ends_in():
    konst = hit(15, "Stöd har i år gått till nya konstverk i kommunens parker.")
    foreningar = hit(16, "Stöd har i år gått till elva fotbollsföreningar och tre ridföreningar.")
    result = extractive_answer("Vilka föreningar har fått stöd i år?", [konst, foreningar])
    assert result.found and result.citations[0].source == foreningar.source


def test_a_modal_verb_is_not_what_the_question_is_about():
    protokoll = hit(17, "Ordförande finner att det finns ett förslag, det vill säga förvaltningens förslag, och att "
                        "nämnden bifaller det.")
    arsredovisning = hit(18, "Förvaltningen föreslår att föreningsstödet flyttas från anläggningar till aktivitetsstöd.")
    result = extractive_answer("Hur vill förvaltningen ändra föreningsstödet?", [protokoll, arsredovisning])
    assert result.found and result.citations[0].source == arsredovisning.source


def test_a_sentence_that_points_back_is_quoted_with_the_one_before():
    drift = hit(19, "Badhuset var stängt under hela sommaren för underhåll. Detta ledde till ett underskott i driften.")
    result = extractive_answer("Varför blev det underskott i driften?", [drift])
    assert result.found and result.citations[0].quote == drift.text  # "Detta …" alone says too little


def test_a_footnote_number_glued_to_a_sentence_is_left_out_of_the_answer():
    plan = hit(20, "Region Halland arbetar sedan 2023 med regional fysisk planering.17 Kulturområdet ska bidra "
                   "till samhällsbyggnadens mål.")
    result = extractive_answer("Hur arbetar Region Halland med regional fysisk planering?", [plan])
    assert result.found and "planering. Kulturområdet" in result.answer and "planering.17" not in result.answer
    assert result.citations[0].quote in plan.text  # the citation quotes the source as it stands


def test_a_compound_in_the_question_is_partly_answered_by_its_head_word():
    synpunkter = hit(21, "Förvaltningen anser att regional samverkan inom kulturområdet bör ske genom nätverk mellan "
                         "kommunerna i länet.")
    result = extractive_answer("Vad gäller för regional kultursamverkan?", [synpunkter])
    assert result.found and "nätverk mellan kommunerna" in result.answer


def test_what_the_question_asks_for_counts_as_one_of_its_words():
    # "kostar" is not in the passage, but an amount is: two things of the question, an answer
    budget = hit(22, "Bokbussen har en budget på 2 miljoner kronor om året.")
    result = extractive_answer("Vad kostar bokbussen?", [budget])
    assert result.found and "2 miljoner kronor" in result.answer


def test_a_long_paraphrased_question_is_answered_when_its_passage_shares_only_a_few_of_its_words():
    # a staff member's own words: most of them stand in no document, yet the passage answers it
    regional = hit(6, "Regional samverkan inom kulturområdet finns i Stockholms län även om den inte utgår från "
                      "samverkansmodellen. Kulturförvaltningen är aktiv i Föreningen Storstockholms kultur- och "
                      "fritidschefer.", title="Svar på skrivelse om Stockholmsregionen och samverkansmodellen")
    question = ("Vilka former av regionalt kultursamarbete pågick redan i Stockholms län fast man stod utanför "
                "samverkansmodellen?")
    result = extractive_answer(question, [regional, BUDGET])
    assert result.found and result.citations[0].source == regional.source


def test_asked_what_the_administration_thinks_of_a_proposal_its_own_view_comes_before_the_proposal():
    initiativ = hit(1, "Initiativ om en samlingsplats för ungdomar. Det har länge varit svårt för motorburna ungdomar "
                       "att hitta en samlingsplats där de kan träffas utan att störa andra.",
                    doc_type="initiativ", title="Initiativ från Alliansen: samlingsplats för ungdomar")
    svar = hit(2, "Förvaltningen anser att initiativet om en samlingsplats ligger i linje med uppdraget för Ung i "
                  "Kungsbacka.", doc_type="tjänsteutlåtande", title="Svar på initiativ om samlingsplats")
    result = extractive_answer("Vad tycker förvaltningen om initiativet om en samlingsplats för ungdomar?",
                               [initiativ, svar])
    assert result.found and result.citations[0].source == svar.source
    # asked about the proposal itself, the proposal is the answer
    asked = extractive_answer("Vad handlar initiativet om en samlingsplats för motorburna ungdomar om?", [initiativ, svar])
    assert asked.citations[0].source == initiativ.source


def test_asked_how_something_went_the_outcome_leads_the_answer():
    kontroll = hit(5, "§ 21 Uppföljning internkontroll 2023\n\nBeslut\n\nNämnden för Kultur & Fritid fastställer intern "
                      "kontrollrapport för 2023.\n\nSammanfattning av ärendet\n\nIntern kontroll avseende 2023 har "
                      "bedrivits i enlighet med fastställd internkontrollplan för 2023. Kultur & Fritids arbete med intern "
                      "kontroll har följt den kommungemensamma processen och tidplan. Granskningar har genomförts utifrån "
                      "kommungemensamma risker och risker som är specifika för nämndens verksamhetsområde. Fem av årets "
                      "åtta granskningar bedöms som godkända, två kräver åtgärder för att minska riskerna.",
                   title="Protokoll 2024-02-21", section="§ 21 Uppföljning internkontroll 2023")
    result = extractive_answer("Hur gick granskningarna i den interna kontrollen för 2023?", [kontroll])
    assert result.found and "Fem av årets åtta granskningar bedöms som godkända" in _bullets(result.answer)[0]


def test_asked_what_came_of_an_initiative_the_decision_is_quoted_not_only_the_initiative():
    handling = hit(13, "Torbjörn Andersson (SD), Mats Dahl (SD) och Stefan Jägnert (SD) inkom 2024-03-20 med initiativ "
                       "att stänga av Hanhals IF 1 år från hälsocertifieringen.\n\nBeslut\n\nNämnden för Kultur & "
                       "Fritid anser initiativet vara besvarat.", title="Initiativ från SD: avstängd hälsocertifiering",
                   section="Sammanfattning av ärendet; Beslut")
    result = extractive_answer("Vad blev det av SD:s initiativ om att stänga av Hanhals IF från hälsocertifieringen?",
                               [handling])
    assert result.found and "anser initiativet vara besvarat" in result.answer


def test_asked_what_came_of_a_proposal_a_later_documents_passage_is_quoted_too():
    # the proposal repeats the question's words; what happened stands in a later document, in other words
    promemoria = hit(1, "I promemorian föreslås att filmgranskningen blir avgiftsfri. Promemorian om avgiftsfri "
                        "filmgranskning föreslår också att kravet på tillståndskort vid offentlig visning slopas.",
                     title="Promemoria om avgiftsfri filmgranskning", date="2016-05-27")
    lagrad = hit(2, "Regeringen beslutade i dag en lagrådsremiss om filmgranskning. Lagändringarna föreslås träda i "
                    "kraft den 1 januari 2017, och ledsagarregeln utvidgas till barn under sju år.",
                 title="En avgiftsfri filmgranskning och utvidgad ledsagarregel", date="2016-10-07")
    asked = "Hur gick det med promemorian om avgiftsfri filmgranskning?"
    result = extractive_answer(asked, [promemoria, lagrad])
    assert "träda i kraft den 1 januari 2017" in result.answer and result.answer.count("•") >= 2
    assert "Promemoria om avgiftsfri filmgranskning" in result.citations[0].title
    # asked what the proposal says, the proposal alone answers
    plain = extractive_answer("Vad föreslås i promemorian om avgiftsfri filmgranskning?", [promemoria, lagrad])
    assert "träda i kraft" not in plain.answer


def test_asked_from_when_the_date_is_quoted():
    lag = hit(6, "Det införs en möjlighet att besluta om tillträdesförbud till badanläggningar och bibliotek. Ett sådant "
                 "tillträdesförbud ska grundas på en bedömning av risken för brott och allvarliga trakasserier. "
                 "Ändringarna träder i kraft den 1 juli 2022.", title="Nya lagar 2022")
    result = extractive_answer("Från när får bibliotek och badhus besluta om tillträdesförbud?", [lag])
    assert result.found and "1 juli 2022" in result.answer


def test_how_the_chair_put_the_question_is_not_taken_for_the_decision():
    paragraf = hit(2, "Torbjörn Andersson (SD) inkom 2024-03-20 med initiativ att stänga av Hanhals IF från "
                      "hälsocertifieringen.\n\nOrdförande finner att det finns ett förslag till beslut, det vill säga "
                      "förvaltningens förslag, och att nämnden bifaller det.\n\nBeslut\n\nNämnden för Kultur & "
                      "Fritid anser initiativet vara besvarat.", title="Protokoll 2024-05-15",
                   section="§ 61 Initiativ från SD: avstängd hälsocertifiering för Hanhals IF")
    result = extractive_answer("Hur gick det med initiativet om att stänga av Hanhals IF från hälsocertifieringen?",
                               [paragraf])
    assert result.found and "anser initiativet vara besvarat" in result.answer
    assert not any("Ordförande finner" in b for b in _bullets(result.answer)[:2])


def test_asked_who_was_behind_a_proposal_the_names_with_party_are_quoted():
    svar = hit(3, "I skrivelsen föreslås att kulturförvaltningen ska ta initiativ till en regional konferens om "
                  "samverkansmodellen i Stockholmsregionen. Stockholms stad har deltagit i flera regionala samtal om "
                  "samverkansmodellen.\n\nUnderlag för beslut\n\nSkrivelse av Ann Mari Engel (V), "
                  "Tomas Rudin (S) och Mats Berglund (MP) om Stockholmsregionen och samverkansmodellen.",
               title="Svar på skrivelse om Stockholmsregionen och samverkansmodellen",
               section="Sammanfattning; Underlag för beslut")
    result = extractive_answer("Vilka politiker låg bakom skrivelsen om Stockholmsregionen och samverkansmodellen?",
                               [svar])
    assert result.found and "Ann Mari Engel (V)" in _bullets(result.answer)[0]


def test_what_counts_as_naming_a_person():
    from bot.answering.sentences import ANSWER_KINDS, asked_kinds

    names = ANSWER_KINDS["person"][1]
    for text in ("Föredragande: Jacob Leuchovius, utvecklare", "generaldirektör Gunnar Larsson har utsetts",
                 "Förslag: Helene Engstrand (KD)", "Ulrika Årehed Kågström är generalsekreterare för Cancerfonden"):
        assert names.search(text), text
    for text in ("Region Halland är en av sex regioner", "Nämnden noterar informationen till protokollet."):
        assert not names.search(text), text
    assert asked_kinds("Vem drog ärendet om Arenan?") == ["person"]
    assert "person" in asked_kinds("Vilka återrapporterade Demokratidagarna?")
    assert "person" not in asked_kinds("Vilka museer betalar regionen för?")


def test_asked_who_the_person_named_with_a_role_is_quoted():
    kallelse = hit(7, "12. Information till nämnd: Arenan\n\nFöredragande: David Dagemark, projektledare "
                      "evenemang/arena 1 st dokument 30 min.\nBeteckning: KFT-2024-00010\nFörslag: Nämnden för Kultur "
                      "& Fritid noterar informationen till protokollet.",
                   title="Kallelse Nämnden för Kultur & Fritid 2024-01-24", section="12. Information till nämnd: Arenan")
    result = extractive_answer("Vem drog ärendet om Arenan för nämnden i januari 2024?", [kallelse])
    # the presenter's line is quoted with the agenda item it presents
    assert result.found and "Information till nämnd: Arenan Föredragande: David Dagemark, projektledare" \
        in _bullets(result.answer)[0]

    uppdrag = hit(9, "Det finns ett stort behov att förändra det statliga bidragssystemet så att civilsamhällets "
                     "organisationer långsiktigt kan planera sin verksamhet, säger utredaren. Kulturdepartementet har "
                     "gett generaldirektör Gunnar Larsson i uppdrag att utreda hur statliga bidrag till det civila "
                     "samhällets organisationer kan bli mer långsiktiga.", title="Bidrag till civila samhället")
    kallelse = hit(10, "4. Information till nämnd: Återrapportering Demokratidagarna\n\nFöredragande: Susan Pour, "
                       "enhetschef, och Anna Ewa Szczeklik, bibliotekarie 1 st dokument 15 min.\nBeteckning: "
                       "KFT-2024-00178\nFörslag: Nämnden noterar informationen till protokollet.",
                   title="Kallelse Nämnden för Kultur & Fritid 2024-06-12",
                   section="4. Information till nämnd: Återrapportering Demokratidagarna")
    # "Vilka" and a verb asks for people ("Vilka museer …" asks for things)
    result = extractive_answer("Vilka återrapporterade Demokratidagarna för politikerna i juni 2024?", [kallelse])
    assert result.found and "Susan Pour, enhetschef" in _bullets(result.answer)[0]

    result = extractive_answer("Vem fick i uppdrag att se över hur statliga bidrag till civilsamhällets "
                               "organisationer kan bli mer långsiktiga?", [uppdrag])
    assert result.found and "generaldirektör Gunnar Larsson" in _bullets(result.answer)[0]


def test_asked_how_many_the_number_of_things_is_quoted_not_an_amount_of_money():
    sfk = hit(11, "Sveriges fritids- och kulturchefsförening, SFK, är en intresseorganisation för chefer inom kommunal "
                  "fritids- och kultursektor. Föreningen får 2 miljoner kronor i bidrag för att utveckla "
                  "kulturpolitiken i kommunerna.\n\nSFK samlar cirka 390 personer som representerar drygt 190 "
                  "kommuner i Sverige.", title="Bidrag till Sveriges fritids- och kulturchefsförening")
    result = extractive_answer("Hur många medlemmar har Sveriges fritids- och kulturchefsförening ungefär?", [sfk])
    assert result.found and "cirka 390 personer" in _bullets(result.answer)[0]

    luppen = hit(12, "Enkäten fick in 1110 svar från ungdomar i Kungsbacka under 2023. Grovt räknat var tredje ungdom "
                     "uppger att hen vill vara med och påverka i frågor som rör kommunen: 31 procent i åk8.",
                 title="Luppen 2023")
    result = extractive_answer("Hur många ungdomar vill vara med och påverka kommunen enligt Luppen?", [luppen])
    assert result.found and "31 procent" in _bullets(result.answer)[0]


def test_a_why_question_gets_the_sentence_that_gives_the_background():
    svar = hit(4, "I skrivelsen föreslås att kulturförvaltningen ska ta initiativ till en regional konferens om "
                  "samverkansmodellens påverkan på Stockholm. Detta föreslås mot bakgrund av att Stockholmsregionen är "
                  "den enda region som ännu inte har anslutit sig till modellen.\n\nFörvaltningen anser att en "
                  "konferens om samverkansmodellen bör tas initiativ till av den regionala nivån.",
               title="Svar på skrivelse om Stockholmsregionen och samverkansmodellen")
    result = extractive_answer("Varför ville skrivelsens författare att staden skulle ta initiativ till en konferens "
                               "om samverkansmodellen?", [svar])
    assert result.found and "mot bakgrund av att Stockholmsregionen" in result.answer


def test_when_no_passage_shares_the_questions_words_the_sentence_closest_in_meaning_is_quoted():
    from bot.answering.extractive import CLOSEST_FLOOR, closest_answer

    svar = hit(8, "Kulturförvaltningen har inget uppdrag i frågan. Ärendet har beretts av kulturstrategiska staben.",
               title="Svar på skrivelse om samverkansmodellen")
    similar = {"Ärendet har beretts av kulturstrategiska staben.": CLOSEST_FLOOR + 0.02,
               "Kulturförvaltningen har inget uppdrag i frågan.": CLOSEST_FLOOR - 0.01}

    def closest(question, h):
        return sorted(similar.items(), key=lambda ts: -ts[1]) if h is svar else []

    question = "Vilken enhet tog fram svaret?"
    assert not extractive_answer(question, [svar]).found  # one word in common: not enough
    result = closest_answer(question, [svar], closest)
    assert result.found and _bullets(result.answer) == ["Ärendet har beretts av kulturstrategiska staben. [1]"]
    assert result.citations[0].source == svar.source
    similar["Ärendet har beretts av kulturstrategiska staben."] = CLOSEST_FLOOR - 0.02
    assert not closest_answer(question, [svar], closest).found  # nothing close enough: said so


def test_the_corpus_words_split_a_compound_that_no_hit_spells_out():
    # "idrottshögskolan" is about "idrotten" only for a splitter that knows "idrott" and "högskolan":
    # no sentence of the hit says them, the rest of the corpus does (Searcher.compounds)
    cif = hit(24, "Gymnastik- och idrottshögskolan ska under 2011 genomföra en fördjupad analys av det samlade "
                  "elitstödets utformning och verkan.")
    question = "Vem fick i uppdrag att granska hur statens elitstöd till idrotten fungerar?"
    assert not extractive_answer(question, [cif]).found  # "elitstöd" alone: one word is chance
    corpus = CompoundSplitter({"idrott": 40, "högskolan": 12, "elitstöd": 3, "gymnastik": 5, "analys": 30})
    result = extractive_answer(question, [cif], splitter=corpus)
    assert result.found and "Gymnastik- och idrottshögskolan ska under 2011" in result.answer


def test_how_often_and_how_much_are_answered_by_every_other_year_and_euros():
    pris = hit(25, "Gollegiella – Nordiskt samiskt språkpris ska delas ut för nionde gången hösten 2020.\n\n"
                   "Gollegiella – Nordiskt samiskt språkpris har instiftats av ministrarna för samefrågor.\n\n"
                   "Språkpriset Gollegiella delas ut till personer eller organisationer som har främjat samiska "
                   "språk.\n\nPriset delas ut vartannat år. Det är på 15 000 euro.")
    result = extractive_answer("Hur mycket pengar är språkpriset Gollegiella på, och hur ofta delas det ut?", [pris])
    assert result.found and "vartannat år" in result.answer and "15 000 euro" in result.answer


def test_a_view_question_gets_the_sentence_that_states_the_view_after_the_one_naming_the_proposal():
    remissvar = hit(26, "Kommunen anser det vara viktigt med den tydlighet som beskrivs om barn och unga.\n\n"
                        "I planen nämns att en förstudie ska göras för att undersöka möjligheten för barn att få egna "
                        "lånekort på folkbiblioteken. Kommunen anser inte att det är ett relevant initiativ att gå "
                        "vidare med.\n\nKommunen ser positivt på initiativet om att samordna kulturskolorna.")
    result = extractive_answer("Vad tyckte Kungsbacka om regionens förslag om egna lånekort för barn på folkbiblioteken?",
                               [remissvar])
    first = result.answer.split("\n• ")[1]
    assert "egna lånekort" in first and "Kommunen anser inte att det är ett relevant initiativ" in first


def test_a_sentence_is_quoted_with_the_next_when_that_belongs_to_it_and_says_what_happens():
    lokaler = hit(27, "Nämndens lokalbehov för perioden 2026-2030 med utblicksår 2031-2035 som framgår av bilagan "
                      "fastställs. Behovet skickas till kommunstyrelsen som underlag för lokalplaneringen.")
    result = extractive_answer("Vad händer med lokalbehovet för 2026–2030 när nämnden har fastställt det?", [lokaler])
    assert result.found and "fastställs. Behovet skickas till kommunstyrelsen" in result.answer


def test_how_long_is_answered_by_a_length_of_time_or_the_period_it_spans():
    from bot.answering.sentences import QuestionMatcher

    period = "Strategin ska gälla under en tioårsperiod (2024–2033)."
    dated = "Strategin ska gälla från den 1 april 2024."
    for question in ("Hur länge ska strategin gälla?", "Hur lång tid ska strategin gälla?"):
        matcher = QuestionMatcher(question, [period, dated], answer_kinds=True)
        assert matcher.coverage(period) > matcher.coverage(dated)  # a span of time, not a date
    meeting = QuestionMatcher("Hur mycket tid var avsatt för dialogen med revisionen?",
                              ["Dialog med revisionen 60 min", "Dialog med revisionen i november"], answer_kinds=True)
    assert meeting.coverage("Dialog med revisionen 60 min") > meeting.coverage("Dialog med revisionen i november")


def test_a_sentence_counts_what_its_documents_title_names():
    # the directive on artists' conditions says when, but only its title says what it is about
    villkor = hit(30, "Utredaren ska kartlägga insatserna. Uppdraget ska redovisas senast den 28 februari 2018.",
                  title="Översyn av konstnärernas villkor")
    medier = hit(31, "Enligt utredningens direktiv skulle uppdraget slutligt redovisas senast den 30 april 2016.",
                 title="Medieutredningen får förlängd tid")
    result = extractive_answer("När skulle utredningen om konstnärernas villkor vara klar enligt direktiven?",
                               [villkor, medier])
    assert result.found and "28 februari 2018" in result.answer.split("\n• ")[1]


def test_asked_where_a_meeting_was_the_place_is_quoted():
    from bot.answering.sentences import asked_kinds

    # "Var" asks where before a verb; before a subject it asks yes or no
    assert "place" in asked_kinds("Var höll nämnden till på sammanträdet i maj 2024?")
    assert "place" in asked_kinds("Var ska Kungliga Operan spela under renoveringen?")
    assert "place" not in asked_kinds("Var det tänkt att ordföranden skulle skriva under själv?")
    assert "place" not in asked_kinds("Var Stockholm ensamt om att stå utanför modellen?")
    protokoll = hit(31, "Plats och tid för sammanträde: Kungsbacka Badhus, klockan 17:00 – 20:10.\n\n"
                        "Sekreterare Erik Norinder, ordförande Annika Hedman (C), justerare Annika Hamberg (M).",
                    title="Protokoll Nämnden för Kultur & Fritid 2024-05-15",
                    section="Sammanträdet 15 maj 2024: plats, tid, närvarande och justering")
    paragraf = hit(32, "Nämnden sammanträdde i maj 2024 och informerades om hur arbetet med bidragssystemet fortskrider.",
                   title="Protokoll Nämnden för Kultur & Fritid 2024-05-15", section="§ 63 Bidragssystemet")
    # the § shares more of the question's words; the opening block says where
    result = extractive_answer("Var sammanträdde nämnden i maj 2024?", [paragraf, protokoll])
    assert result.found and "Kungsbacka Badhus" in result.answer
