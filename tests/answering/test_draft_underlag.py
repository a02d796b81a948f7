"""Underlag in template drafts: past statements about the proposal, never a meeting's routine or an agenda."""

from __future__ import annotations

import re

from bot.answering.draft import NOTHING_EARLIER, template_draft
from bot.answering.skrivelse import parse_skrivelse
from tests.answering.sample_hits import hit

SKRIVELSE = """Skrivelse om fler mötesplatser för unga

Många unga saknar en plats att träffas på kvällar och helger.

Vi föreslår därför
att förvaltningen i dialog med nattvandrarna tar fram förslag på trygga mötesplatser för unga,
att nämnden får en redovisning senast i oktober 2025.

Anna Andersson (S)
"""
MOTESPLATS = hit(1, "Förvaltningen har tillsammans med nattvandrarna haft dialoger med unga om trygga mötesplatser "
                    "på kvällarna.", title="Svar på initiativ om mötesplatser", doc_type="tjänsteutlåtande")
# What the words "nämnden", "redovisning" and "senast" find in a real index (review finding 8):
AGENDA = hit(2, "Beteckning: KFT-2024-00004 Förslag: Nämnden godkänner redovisningen av investeringsplan 2025-2029, "
                "med utblick till 2034.", title="Kallelse 2024-01-24", doc_type="kallelse")
DELEGERING = hit(3, "Redovisning av delegeringsbeslut förtecknade i protokoll 2025-02-19 godkänns av nämnden.",
                 title="Protokoll 2025-02-19", doc_type="protokoll", section="§ 22 Anmälan av delegationsbeslut")
ORDFORANDE = hit(4, "Ordförande finner att det finns ett förslag till beslut om redovisningen, och att nämnden "
                    "bifaller det.", title="Protokoll 2024-02-21", doc_type="protokoll", section="Beslutsgång")
NATIONAL = hit(5, "Statens kulturråd ska senast den 1 mars 2024 lämna en gemensam redovisning av uppdraget till "
                  "nämnden för kulturfrågor i Regeringskansliet.", title="Uppdrag till Kulturrådet", doc_type="regeringsuppdrag")
UNRELATED = hit(6, "Nämnden får en redovisning av läget för mötesplatser för unga senast i oktober varje år.",
                title="Ej relevant enligt sökningen", doc_type="tjänsteutlåtande", relevant=False)


def _views(draft) -> dict[str, str]:
    """The underlag under each "Om förslaget att …" heading."""
    text = {s.heading: s.text for s in draft.sections}["Förvaltningens synpunkter"]
    parts = re.split(r"^Om förslaget att (.+)$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_underlag_leaves_out_routine_agenda_and_hits_retrieval_found_irrelevant():
    hits = [UNRELATED, AGENDA, DELEGERING, ORDFORANDE, NATIONAL, MOTESPLATS]
    draft = template_draft(parse_skrivelse(SKRIVELSE), lambda q, k: hits[:k])
    views = _views(draft)
    about_meeting_places, about_report = views.values()
    assert MOTESPLATS.text in about_meeting_places
    assert NOTHING_EARLIER in about_report and "”" not in about_report
    assert "underlaget ovan" in about_meeting_places and "underlaget ovan" not in about_report  # there is none
    assert [c.source for c in draft.citations] == [MOTESPLATS.source]
