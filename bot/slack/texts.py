"""Everything Kansli says in Slack that is not an answer or a draft: plain Swedish, in one place."""

from __future__ import annotations

LOADING_ANSWER = [
    "Letar i tidigare handlingar …",
    "Läser de mest relevanta avsnitten …",
    "Formulerar ett svar med källor …",
]
LOADING_DRAFT = [
    "Läser skrivelsen …",
    "Letar efter vad förvaltningen har sagt tidigare …",
    "Skriver utkastet …",
]
STATUS_ANSWER = "letar i handlingarna …"
STATUS_DRAFT = "skriver ett utkast …"

SUGGESTED_PROMPTS_TITLE = "Vad vill du veta?"
SUGGESTED_PROMPTS = [
    {"title": "Regional samverkan", "message": "Vilka regionala samverkansformer finns inom kulturområdet?"},
    {"title": "Tidigare yttranden", "message": "Vad har förvaltningen sagt tidigare om stöd till det fria kulturlivet?"},
    {"title": "Skriv ett utkast", "message": "Hur får jag ett utkast till tjänsteutlåtande? Kan jag skicka en skrivelse hit?"},
]
GREETING = (
    "Hej! Jag är Kansli. Jag svarar på frågor utifrån förvaltningens tidigare handlingar och visar "
    "källorna. Skicka en skrivelse som PDF eller Word-fil så skriver jag ett första utkast till tjänsteutlåtande."
)

SOURCES_HEADING = "*Källor*"
QUESTION_LABEL = "Fråga"
SHARE_BUTTON = "Dela i kanalen"
SHARED_BY = "{user} delade ett svar från Kansli."
SHARE_EXPIRED = "Svaret finns inte kvar längre. Ställ frågan igen så kan du dela det nya svaret."
FEEDBACK_THANKS_UP = "Tack för återkopplingen!"
FEEDBACK_THANKS_DOWN = "Tack! Vi använder återkopplingen för att göra svaren bättre."

ASK_USAGE = "Skriv din fråga efter kommandot, till exempel `{command} Vilka regionala samverkansformer finns inom kulturområdet?`"
DRAFT_USAGE = "Klistra in skrivelsens text efter kommandot, till exempel `{command} Skrivelse om …`, eller skicka skrivelsen som fil till mig i ett direktmeddelande."
WORKING_ANSWER = "Jag letar efter ett svar …"
WORKING_DRAFT = "Jag skriver ett utkast. Det kommer som ett direktmeddelande från mig."

DRAFT_SUMMARY = "*{title}*\nUtkastet finns i Word-filen. Det har {sections} avsnitt."
DRAFT_SUMMARY_SOURCES = "*{title}*\nUtkastet finns i Word-filen. Det har {sections} avsnitt och bygger på {sources}."
DRAFT_SOURCES = ("en tidigare handling", "{n} tidigare handlingar")
DRAFT_PLACEHOLDERS = ("Fyll i det ställe som är markerat med ”ATT SKRIVA”.", "Fyll i de {n} ställen som är markerade med ”ATT SKRIVA”.")


def count(forms: tuple[str, str], n: int) -> str:
    """The singular or plural form of a phrase with a number."""
    return (forms[0] if n == 1 else forms[1]).format(n=n)
DRAFT_TEMPLATE_MODE = "Utkastet är en mall med utdrag ur tidigare handlingar (ingen språkmodell är ansluten)."
MORE_SOURCES = "… och fler källor."
MORE_SOURCES_IN_FILE = "… fler källor finns i Word-filen."
DRAFT_NO_SOURCES = "Jag hittade inga tidigare handlingar om ämnet, så utkastet saknar källor."

FILE_UNSUPPORTED = "Jag kan bara läsa skrivelser som PDF eller Word-fil (.docx). Filen ”{name}” kan jag inte använda."
FILE_TOO_LARGE = "Filen ”{name}” är för stor ({size_mb:.0f} MB). Jag kan läsa filer på högst {max_mb:.0f} MB."
FILE_UNREADABLE = "Jag kunde inte läsa texten i ”{name}”. Är den skannad eller lösenordsskyddad? Prova en annan version av filen."
FILE_DOWNLOAD_FAILED = "Jag kunde inte hämta filen ”{name}” från Slack. Försök igen om en stund."

DECLINED = "Tyvärr kan jag inte svara här. Kansli är bara öppen för vissa kanaler och personer – kontakta den som förvaltar Kansli om du behöver tillgång."

ERROR_ANSWER = "Något gick fel när jag skulle svara. Försök igen om en stund."
ERROR_DRAFT = "Något gick fel när jag skulle skriva utkastet. Försök igen om en stund."
ERROR_NOT_IN_CHANNEL = "Jag kan inte skriva i den här kanalen. Bjud in mig med /invite @Kansli och försök igen."
ERROR_BUSY = "Slack tar inte emot fler meddelanden från mig just nu. Försök igen om en stund."

HELP = """*Kansli* svarar på frågor utifrån förvaltningens tidigare handlingar – tjänsteutlåtanden, protokoll och skrivelser – och skriver första utkast till nya tjänsteutlåtanden.

*Ställ en fråga*
• `{ask} Vilka regionala samverkansformer finns inom kulturområdet?` – svaret visas bara för dig, med en knapp för att dela det i kanalen.
• Nämn @Kansli i en kanal så svarar jag i en tråd. Du kan ställa följdfrågor i samma tråd.
• Skriv till mig i ett direktmeddelande (fliken Meddelanden).

*Få ett utkast*
• `{draft} <skrivelsens text>` – jag skickar ett utkast som Word-fil i ett direktmeddelande.
• Skicka skrivelsen som PDF eller Word-fil till mig, eller i en tråd där du nämner @Kansli.

*Bra att veta*
• Varje svar visar sina källor som [1], [2] … med titel, diarienummer och datum.
• Hittar jag inget säger jag det – jag hittar inte på.
• Tryck 👍 eller 👎 under ett svar så blir Kansli bättre.
• Kontrollera alltid utkast och svar innan de används."""
