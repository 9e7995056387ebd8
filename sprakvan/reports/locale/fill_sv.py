"""Fill the Swedish catalogue of the reports app from the table below (keeps it reviewable).

cd sprakvan/reports && django-admin makemessages -l sv && python locale/fill_sv.py
&& django-admin compilemessages
"""

import re
from pathlib import Path

PO = Path(__file__).parent / "sv" / "LC_MESSAGES" / "django.po"

SV = {
    "Bar chart: %(title)s (%(names)s). The table below has the numbers.": "Stapeldiagram: %(title)s (%(names)s). Tabellen under har siffrorna.",
    "Registered newcomers": "Antal anmälda nyanlända",
    "Registered established residents": "Antal anmälda etablerade",
    "%(n)s women": "%(n)s kvinnor",
    "%(n)s men": "%(n)s män",
    "%(n)s another or not given": "%(n)s annat eller ej angivet",
    "New language-friend pairs": "Antal nya språkvänspar",
    "Active language-friend pairs": "Totalt antal aktiva språkvänspar",
    "language-friend pairs": "språkvänspar",
    "sessions and attendance": "träffar och deltagande",
    "Partner dialogue": "Partssamtal",
    "Period": "Period",
    "Produced": "Framtaget",
    "Date of the meeting": "Datum för mötet",
    "Participants": "Deltagare",
    "Background": "Bakgrund",
    "Activities": "Aktiviteter",
    "Activities held in the period": "Genomförda aktiviteter under perioden",
    "Activity": "Aktivitet",
    "Sessions": "Träffar",
    "Attendance": "Deltagande",
    "Districts with weekly language cafés": "Stadsdelar med språkcaféer varje vecka",
    "Where": "Var",
    "How often": "Hur ofta",
    "Fairs and outreach events": "Mässor och marknadsföring",
    "Results": "Resultat",
    "Measure": "Mått",
    "Outcome": "Utfall",
    "Future": "Framtid",
    "Goals": "Delmål",
    "Goals for the year and how they went": "Årets delmål och utfall",
    "Goals for next year": "Delmål för nästa år",
    "Goal": "Delmål",
    "Status": "Status",
    "Progress": "Uppfyllelse",
    "Finances": "Ekonomi",
    "Party": "Part",
    "Covers": "Avser",
    "Amount": "Belopp",
    "Budget line": "Budgetpost",
    "Budget": "Budget",
    "Actual": "Utfall",
    "Total": "Totalt",
    "Cost per new language-friend pair": "Kostnad per nytt språkvänspar",
    "Summary": "Sammanfattning",
    "Signatures": "Underskrifter",
    "Figures and charts": "Siffror och diagram",
    "No data recorded for this part.": "Inga uppgifter registrerade för den här delen.",
    "Counts from 1 to 4 are shown as <5, and some further cells as –, so that no person can be identified.": "Antal från 1 till 4 visas som <5, och några fler celler som –, så att ingen person kan identifieras.",
    "Page": "Sida",
    "of": "av",
    "From": "Från",
    "To": "Till",
    "The period must end on or after its start.": "Perioden måste sluta samma dag som den börjar eller senare.",
    "Choose a period of at most ten years.": "Välj en period på högst tio år.",
    "Achieved": "Uppnått",
    "On track": "På väg",
    "At risk": "I fara",
    "Missed": "Ej uppnått",
    "No data yet": "Inga uppgifter än",
    "More than last year": "Fler än förra året",
    "Activity in a district every month": "Aktivitet i en stadsdel varje månad",
    "At least last year's level": "Minst förra årets nivå",
    "Sessions held": "Genomförda träffar",
    "Attendance at sessions": "Deltagande vid träffar",
    "Participants per session": "Deltagare per träff",
    "Registered newcomers ": "Anmälda nyanlända",
    "year": "år",
    "goal as written": "delmål i text",
    "For example: Increase the number of matched language friends.": "Till exempel: Öka antalet matchade språkvänner.",
    "kind": "typ",
    "measure": "mått",
    "district": "stadsdel",
    "sessions at least, each month": "minst antal träffar varje månad",
    "order": "ordning",
    "goal": "delmål",
    "goals": "delmål",
    "Choose the district and how many sessions a month.": "Välj stadsdel och hur många träffar i månaden.",
    "Choose a district of this programme.": "Välj en stadsdel i det här programmet.",
    "Choose what to compare with last year.": "Välj vad som ska jämföras med förra året.",
    "from": "från",
    "to": "till",
    "date of the meeting": "datum för mötet",
    "meeting participants": "deltagare på mötet",
    "One person a line: name, organisation.": "En person per rad: namn, organisation.",
    "background": "bakgrund",
    "future": "framtid",
    "summary": "sammanfattning",
    "signed by": "undertecknat av",
    "partner-dialogue text": "text till partssamtal",
    "partner-dialogue texts": "texter till partssamtal",
    "figures": "siffror",
    "filed statistics": "arkiverad statistik",
    "Pairs that ended": "Avslutade språkvänspar",
    "Median wait for a language friend (days)": "Väntetid till språkvän, median (dagar)",
    "Longest wait for a language friend (days)": "Längsta väntetid till språkvän (dagar)",
    "Newcomers waiting at the end of the period": "Nyanlända som väntar vid periodens slut",
    "Established residents waiting at the end of the period": "Etablerade som väntar vid periodens slut",
    "Key figures": "Nyckeltal",
    "Registrations by group and gender, %(period)s": "Anmälda per grupp och kön, %(period)s",
    "Group": "Grupp",
    "Number": "Antal",
    "Women": "Kvinnor",
    "Men": "Män",
    "Another or not given": "Annat eller ej angivet",
    "Results %(period)s": "Utfall %(period)s",
    "New language-friend pairs per month": "Nya språkvänspar per månad",
    "Month": "Månad",
    "Pairs that ended, by reason": "Avslutade språkvänspar per orsak",
    "Reason": "Orsak",
    "Pairs": "Par",
    "Sessions and attendance by district": "Träffar och deltagande per stadsdel",
    "District": "Stadsdel",
    "Per session": "Per träff",
    "(no district)": "(ingen stadsdel)",
    "Sessions and attendance by activity type": "Träffar och deltagande per aktivitetstyp",
    "Activity type": "Aktivitetstyp",
    "Who came to the sessions": "Vilka som kom till träffarna",
    "Named": "Med namn",
    "Walk-in": "Drop-in",
    "Newcomers": "Nyanlända",
    "Established residents": "Etablerade",
    "Referrals by organisation and what became of them": "Anvisningar per organisation och hur det gick",
    "Organisation": "Organisation",
    "Outreach events: leads, registrations and pairs": "Mässor: kontakter, anmälningar och par",
    "Event": "Evenemang",
    "Date": "Datum",
    "Leads": "Kontakter",
    "Registered": "Anmälda",
    "In a pair": "I ett par",
    "Goals %(year)s": "Delmål %(year)s",
    "Progress (%)": "Uppfyllelse (%)",
    "Now": "Nu",
    "Target": "Mål",
    "No data for this period.": "Inga uppgifter för perioden.",
    "Excel": "Excel",
    "CSV": "CSV",
    "Reports": "Rapporter",
    "%(period)s – %(end)s, compared with %(cstart)s – %(cend)s.": "%(period)s – %(end)s, jämfört med %(cstart)s – %(cend)s.",
    "Choose the period": "Välj period",
    "Show": "Visa",
    "All tables as Excel": "Alla tabeller som Excel",
    "Partner-dialogue document": "Dokument för partssamtal",
    "No data yet for:": "Inga uppgifter än för:",
    "No goals set for this year.": "Inga delmål för året.",
    "Charts": "Diagram",
    "More tables": "Fler tabeller",
    "Choose": "Välj",
    "Download as PDF": "Ladda ner som PDF",
    "Download as Word": "Ladda ner som Word",
    "Your texts for this period": "Dina texter för perioden",
    "The figures, lists and tables come from the data. Write the parts only you know; leave an empty line between paragraphs.": "Siffror, listor och tabeller hämtas ur systemet. Skriv de delar bara du vet; lämna en tom rad mellan styckena.",
    "Save the texts": "Spara texterna",
    "Periods with texts": "Perioder med texter",
    "No text written yet.": "Ingen text skriven än.",
    "No sessions recorded for this period.": "Inga träffar registrerade för perioden.",
    "No data recorded for:": "Inga uppgifter registrerade för:",
    "Goals for %(year)s and how they went": "Delmål för %(year)s och utfall",
    "Goals for %(year)s": "Delmål för %(year)s",
    "Contributions %(year)s": "Insatser %(year)s",
    "Budget and actual costs %(year)s": "Budget och utfall %(year)s",
    "No agreement or budget recorded.": "Inget avtal eller ingen budget registrerad.",
    "Change the goal": "Ändra delmålet",
    "New goal": "Nytt delmål",
    "Save": "Spara",
    "Cancel": "Avbryt",
    "A goal's status and progress are computed from the data on the reports page.": "Delmålens status och uppfyllelse räknas fram ur systemets uppgifter på rapportsidan.",
    "Year": "År",
    "Kind": "Typ",
    "Actions": "Åtgärder",
    "Delete": "Ta bort",
    "No goals yet.": "Inga delmål än.",
    "referrals": "anvisningar",
    "outreach events": "mässor",
    "The texts are saved.": "Texterna är sparade.",
    "The goal is saved.": "Delmålet är sparat.",
    "The goal is deleted.": "Delmålet är borttaget.",
    "The figures are filed.": "Siffrorna är arkiverade.",
    "The chart shows the %(n)d largest.": "Diagrammet visar de %(n)d största.",
    "File these figures": "Arkivera siffrorna",
    "Keeps the counts of this period as they are today, for the record.": "Sparar periodens antal som de ser ut i dag, för arkivet.",
    "New language-friend pairs ": "Nya språkvänspar",
}
PLURALS = {
    "%(n)d morning a week": ("%(n)d förmiddag i veckan", "%(n)d förmiddagar i veckan"),
    "%(n)d afternoon a week": ("%(n)d eftermiddag i veckan", "%(n)d eftermiddagar i veckan"),
    "%(n)d evening a week": ("%(n)d kväll i veckan", "%(n)d kvällar i veckan"),
    "Waiting list today: %(counter)s newcomer": (
        "Väntelistan i dag: %(counter)s nyanländ",
        "Väntelistan i dag: %(counter)s nyanlända",
    ),
    "%(counter)s established resident": ("%(counter)s etablerad", "%(counter)s etablerade"),
}
# Labels from other apps that the document shows (kept here so the document is Swedish even
# before the project catalogue has them; the project's locale/ wins where both exist).
EXTRA = {
    "Woman": "Kvinna",
    "Man": "Man",
    "Another gender": "Annat kön",
    "Prefer not to say": "Vill inte ange",
    "Newcomer": "Nyanländ",
    "Established resident": "Etablerad",
    "Waiting": "Väntar",
    "Matched": "Matchad",
    "Paused": "Pausad",
    "Left": "Avslutad",
    "Language café": "Språkcafé",
    "Pop-up café at a workplace": "Pop up-språkcafé på arbetsplats",
    "Walk and talk": "Walk and talk",
    "Sport": "Idrott",
    "Guided city walk": "Stadsvandring på lätt svenska",
    "Gardening": "Trädgårdsarbete",
    "Other activity": "Annan aktivitet",
    "Completed": "Avslutat som planerat",
    "Moved away": "Flyttat",
    "No contact": "Ingen kontakt",
    "Declined when called": "Tackade nej",
    "Other": "Annat",
    "Project-leader salary": "Projektledartjänst",
    "Overhead": "OH-kostnader",
    "Premises": "Lokaler",
    "Travel": "Resor",
}


def unquote(lines: list[str]) -> str:
    parts = []
    for line in lines:
        match = re.match(r'^(?:msgid|msgid_plural|msgstr(?:\[\d\])?)?\s*"(.*)"$', line)
        assert match, line
        parts.append(match.group(1))
    return "".join(parts).replace('\\"', '"')


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    seen = set()
    out = []
    for block in blocks:
        lines = block.split("\n")
        ids = [i for i, line in enumerate(lines) if line.startswith("msgid ")]
        if not ids:
            if not block.startswith("#~"):  # obsolete entries go; EXTRA adds its own back
                out.append(block)
            continue
        start = ids[0]
        end = start + 1
        while end < len(lines) and lines[end].startswith('"'):
            end += 1
        msgid = unquote(lines[start:end])
        if msgid in seen:
            continue  # an entry this script appended on an earlier run
        seen.add(msgid)
        head = lines[:start]
        if msgid == "":
            out.append(block)
            continue
        head = [line for line in head if line != "#, fuzzy"]
        if lines[end].startswith("msgid_plural"):
            p_end = end + 1
            while p_end < len(lines) and lines[p_end].startswith('"'):
                p_end += 1
            plural = unquote(lines[end:p_end])
            one, many = PLURALS.get(msgid, ("", ""))
            out.append(
                "\n".join(
                    [
                        *head,
                        "msgid " + quote(msgid),
                        "msgid_plural " + quote(plural),
                        "msgstr[0] " + quote(one),
                        "msgstr[1] " + quote(many),
                    ]
                )
            )
        else:
            out.append(
                "\n".join(
                    [
                        *head,
                        "msgid " + quote(msgid),
                        "msgstr " + quote({**EXTRA, **SV}.get(msgid, "")),
                    ]
                )
            )
    for msgid, text in EXTRA.items():
        if msgid not in seen:
            out.append("msgid " + quote(msgid) + "\nmsgstr " + quote(text))
    text = "\n\n".join(out).replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
    text = text.replace('"Language: \\n"', '"Language: sv\\n"', 1)
    text = text.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    PO.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    missing = [m for m in seen if m and m not in SV and m not in EXTRA and m not in PLURALS]
    print("untranslated:", missing)


if __name__ == "__main__":
    main()
