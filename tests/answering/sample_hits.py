"""Small hits for tests of the compose step (no index needed)."""

from __future__ import annotations

from bot.retrieval.hits import Hit


def hit(n: int, text: str, **meta) -> Hit:
    defaults = dict(chunk_id=f"c{n}", source=f"dok{n}.md", title=f"Dokument {n}", dnr=f"KFT-2024-0000{n}",
                    date="2024-01-1%d" % (n % 10), score=1.0 / n)
    defaults.update(meta)
    return Hit(text=text, **defaults)


REGIONAL = hit(1, "Det kulturpolitiska samverkansmötet i Halland träffas två gånger per år. Vanligtvis deltar "
                  "presidierna, det vill säga ordförande och vice ordförande. Mötet leds av Region Halland.",
               title="Regional samverkan", section="Ärendet")
DANS = hit(2, "Rum för Dans är Hallands dansinstitution som drivs gemensamt av Falkenbergs kommun, Kungsbacka "
              "kommun och Region Halland. Verksamheten vänder sig till dansare i hela länet.",
           title="Rum för Dans")
BUDGET = hit(3, "Nämnden fastställer internbudgeten för 2024. Taxorna för idrottshallar höjs med tre procent.",
             title="Internbudget")
