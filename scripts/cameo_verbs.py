"""Write configs/cameo_verbs.tsv: the event-trigger lexicon (word forms and phrases -> CAMEO code -> category),
compiled from the CAMEO verb dictionary of PETRARCH2 plus the nominal triggers news writes.

    .venv/bin/python scripts/cameo_verbs.py ../shared/datasets/cameo/CAMEO.2.0.txt

CAMEO.2.0.txt lists verb blocks (`---  NAME   [code]  ---`), each with verb lines
(`WORD {IRREGULAR FORMS} [code]`, `+MULTI_WORD {...}` for phrases; a line without a code takes
the block's) and patterns (`- * OBJECT WORDS  [code]`: the verb followed by these words is that
finer code); `&SET` names a synonym set listed at the top of the file. `[---]` means no event.

Rows of the table (tab-separated, lower case):
  form     WORDS   CODE   CATEGORY   BLOCK         an inflected form (or phrase), its code and its verb
                                                   block ("" for the added nouns); CODE is empty for a
                                                   verb that is an event only through a pattern
  pattern  BLOCK   CODE   CATEGORY   CONTEXT       a form of BLOCK followed (within a few words) by
                                                   every CONTEXT item ("a|b" = either) is CODE
Regular inflections are generated here (PETRARCH does the same at load), so matching is a lookup.
A form may carry several codes (e.g. "strike": attack and labour strike); the first is its usual
news sense. Each code's category comes from the ontology (configs/event_categories.yaml).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from newslake.tasks.events.ontology import load_ontology

OUT = Path(__file__).resolve().parents[1] / "configs" / "cameo_verbs.tsv"

# Reporting verbs are claims, not STATEMENT events; and CAMEO verbs so common in news that as
# bare words they almost never mean their code (they still count inside a pattern).
NOT_TRIGGERS = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "note", "notes", "noted", "noting", "report", "reports", "reported", "reporting", "state", "states", "stated",
    "cite", "cites", "cited", "citing", "refer", "refers", "referred", "referring", "quote", "quoted",
    "remark", "remarked", "explain", "explained", "write", "wrote", "written", "writes", "comment", "commented",
    "have", "has", "had", "be", "is", "was", "were", "are", "been", "do", "did", "does", "make", "made", "makes",
    "take", "took", "taken", "takes", "get", "got", "gets", "go", "went", "goes", "come", "came", "comes",
    "give", "gave", "given", "gives", "see", "saw", "seen", "look", "looked", "seem", "seemed", "appear", "appeared",
    "put", "set", "face", "faced", "faces", "base", "based", "post", "posted", "place", "placed", "keep", "kept",
    "hold", "held", "holds", "show", "showed", "shown", "shows", "call", "called", "calls", "turn", "turned",
    "run", "ran", "runs", "move", "moved", "moves", "bring", "brought", "leave", "left", "lead", "led",
    "continue", "continued", "expect", "expected", "believe", "believed", "think", "thought", "want", "wanted",
    "use", "used", "uses", "need", "needed", "work", "worked", "try", "tried", "help", "helped", "begin", "began",
    "start", "started", "end", "ended", "open", "opened", "close", "closed", "find", "found", "know", "knew",
    "hope", "hoped", "feel", "felt", "like", "liked", "mean", "meant", "let", "pay", "paid", "play", "played",
    "reach", "reached", "return", "returned", "remain", "remained", "stand", "stood", "include", "included",
    "become", "became", "change", "changed", "follow", "followed", "plan", "planned", "plans", "expect", "stay",
    "according", "united", "unite", "force", "forces", "forced", "clear", "cleared", "free", "die", "dies", "died",
    "dying", "trade", "trades", "fire", "fires", "present", "presented", "express", "expressed", "issue", "issued", "release", "released", "receive", "received",
}

# Nominal and other triggers news uses that the verb dictionary lacks: CAMEO code -> words.
# Order matters where a word has two codes: the first is its usual news sense ("strike": an attack).
NOMINAL = {
    "010": ["statement", "statements", "announcement", "announcements", "declaration", "declarations",
            "press conference", "news conference", "announced", "announces", "announce", "declared", "declares"],
    "020": ["appeal", "appeals", "plea", "pleas", "request", "requests", "called for", "calls for", "urged", "urges"],
    "036": ["offer to meet", "offered talks"],
    "040": ["meeting", "meetings", "talks", "consultations"],
    "041": ["phone call", "phone calls", "telephone call", "phone conversation", "held a call", "spoke by phone"],
    "042": ["visit", "visits", "visited", "trip", "state visit"],
    "043": ["hosted", "hosting", "hosts"],
    "044": ["summit", "summits"],
    "046": ["negotiations", "negotiation", "peace talks"],
    "057": ["agreement", "agreements", "deal", "deals", "accord", "accords", "treaty", "treaties", "pact"],
    "051": ["praise", "praised", "endorsement", "endorsed"],
    "061": ["trade deal", "economic cooperation"],
    "062": ["joint exercises", "military cooperation", "arms deal"],
    "070": ["aid", "assistance", "donation", "donations", "donated", "package", "supplies"],
    "071": ["economic aid", "financial aid", "loan", "loans", "grant", "grants"],
    "072": ["military aid", "weapons deliveries", "arms shipments"],
    "073": ["humanitarian aid", "relief", "food aid", "aid convoy", "aid convoys"],
    "0841": ["released", "freed", "release of", "prisoner swap", "prisoner exchange"],
    "0871": ["ceasefire", "cease-fire", "truce", "armistice"],
    "0872": ["withdrawal", "pullout", "pull-out"],
    "0874": ["retreat", "retreated", "surrender", "surrendered"],
    "090": ["investigation", "investigations", "probe", "probes", "inquiry", "inquest"],
    "111": ["criticism", "condemnation", "condemned", "condemns", "denounced", "denounces"],
    "112": ["accusation", "accusations", "allegation", "allegations", "accused", "accuses"],
    "115": ["lawsuit", "lawsuits", "sued"],
    "120": ["rejection", "refusal", "rejected", "rejects", "refused", "refuses"],
    "100": ["demand", "demands", "demanded", "ultimatum"],
    "125": ["veto", "vetoed"],
    "130": ["threat", "threats", "threatened", "threatens", "warned", "warns", "warning", "warnings"],
    "141": ["protest", "protests", "protested", "protesters", "protestors", "demonstration", "demonstrations",
            "demonstrators", "rally", "rallies", "rallied", "march", "marches", "marched", "took to the streets",
            "sit-in", "vigil"],
    "145": ["riot", "riots", "rioters", "rioting", "unrest"],
    "150": ["mobilization", "mobilisation", "mobilized", "mobilised", "buildup", "build-up", "deployment",
            "deployments", "deployed", "military exercises", "drills"],
    "160": ["cut ties", "severed ties", "expelled diplomats"],
    "163": ["sanctions", "sanction", "sanctioned", "embargo", "embargoes", "blacklisted", "asset freeze",
            "asset freezes", "travel ban", "travel bans", "imposed restrictions", "froze"],
    "1312": ["boycott", "boycotts", "boycotted"],
    "172": ["ban", "bans", "banned", "crackdown", "restrictions"],
    "1723": ["curfew", "curfews"],
    "1724": ["state of emergency", "martial law"],
    "173": ["arrest", "arrests", "arrested", "house arrest", "detention", "detained", "detainees", "charged",
            "indicted", "sentenced", "convicted", "jailed", "prosecuted", "custody", "raid", "raids"],
    "174": ["deportation", "deportations", "deported", "expulsion", "expelled"],
    "180": ["violence", "killed", "killing", "killings", "wounded", "injured", "casualties"],
    "181": ["kidnapping", "kidnapped", "abduction", "abducted", "hostage", "hostages", "hijacking", "hijacked"],
    "183": ["bombing", "bombings", "bomb attack", "explosion", "blast", "suicide bombing", "car bomb",
            "roadside bomb", "bombed"],
    "186": ["assassination", "assassinated", "assassinate"],
    "190": ["attack", "attacks", "attacked", "strike", "strikes", "struck", "offensive", "counteroffensive",
            "assault", "fighting", "clash", "clashes", "clashed", "battle", "battles", "hostilities", "skirmishes",
            "incursion", "invasion", "invaded", "stormed", "shooting", "shootings", "gunfire", "opened fire",
            "fired", "launched", "shot down", "downed", "intercepted", "military operation"],
    "194": ["shelling", "shelled", "artillery fire", "mortar fire", "rocket fire"],
    "195": ["airstrike", "airstrikes", "air strike", "air strikes", "air raid", "air raids", "missile strike",
            "missile strikes", "drone strike", "drone strikes", "bombardment"],
    "202": ["massacre", "massacres"],
    "143": ["strike", "strikes", "walkout", "walkouts", "went on strike"],
}

# The legacy taxonomy's triggers are folded in through the legacy mapping (configs/event_types.yaml).
LEGACY_TAXONOMY = Path(__file__).resolve().parents[1] / "configs" / "event_types.yaml"
LEGACY_SKIP = {"hit", "dead", "died", "ordered", "ruled", "ruling", "overturned", "upheld", "delivered", "pledged",
               "advanced", "advances", "seized", "allowed", "permitted", "approved", "approve", "authorized",
               "authorised", "waiver"}
LEGACY_CODE = {"authorization": "050"}  # "approve" is SUPPORT; CAMEO's nearest finer code for a go-ahead

VERB_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")
MAX_CONTEXT = 4  # pattern items beyond this are rare and make matching brittle


def main(path: Path) -> None:
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets = read_synsets(lines)
    ontology = load_ontology()
    forms: dict[str, dict[str, str]] = {}  # form -> {code: verb block}, first seen first
    patterns: dict[tuple[str, str, str], None] = {}  # (verb block, code, context)

    def add_form(form: str, code: str, block: str = "") -> None:
        if code == "" or ontology.category_of_cameo(code) is not None:
            forms.setdefault(form, {}).setdefault(code, block)

    # News nouns first: "talks" is consultations before it is the verb "talk" (a statement).
    for code, words in NOMINAL.items():
        for word in words:
            add_form(word, code)
    for form, code in legacy_triggers(ontology):
        add_form(form, code)

    block, block_code, block_forms = "", None, []
    for raw in lines[lines.index(next(l for l in lines if l.startswith("####### VERB"))) + 1 :]:
        header = VERB_BLOCK.match(raw)
        line = raw.split("#", 1)[0].strip()
        if header:
            block, block_code, block_forms = words_of(header.group(1)), clean_code(header.group(2)), []
        elif line.startswith("-"):
            pattern = parse_pattern(line, synsets)
            # A pattern that repeats the block's code refines nothing.
            if pattern is not None and pattern[1] != block_code and ontology.category_of_cameo(pattern[1]):
                patterns[(block, pattern[1], pattern[0])] = None
        elif re.match(r"^\+?[A-Z]", line):
            verb_forms, code = parse_verb(line)
            code = code if code is not None else block_code
            for form in verb_forms:
                if form in NOT_TRIGGERS:
                    continue
                # A verb without an event code of its own still triggers through its block's patterns.
                add_form(form, code if code and code != "---" else "", block)

    rows = ["# kind\twords\tcode\tcategory\tblock or context  (written by scripts/cameo_verbs.py; do not edit)"]
    blocks_with_patterns = {block for block, _, _ in patterns}
    for form in sorted(forms):
        for code, block in forms[form].items():
            if not code and block not in blocks_with_patterns:
                continue
            rows.append(f"form\t{form}\t{code}\t{ontology.category_of_cameo(code) if code else ''}\t{block}")
    for block, code, context in sorted(patterns):
        rows.append(f"pattern\t{block}\t{code}\t{ontology.category_of_cameo(code)}\t{context}")
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(forms)} forms, {len(patterns)} patterns")


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """`&NAME` -> its `+WORD` members (lower case, phrases with spaces)."""
    synsets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("####### VERB"):
            break
        if line.startswith("&"):
            current = synsets.setdefault(line[1:].strip().lower(), [])
        elif line.startswith("+") and current is not None:
            current.append(words_of(line[1:]))
    return synsets


def words_of(token: str) -> str:
    """PETRARCH spelling -> plain words: `MEET_WITH` -> "meet with", `CASH_` -> "cash"."""
    return " ".join(part for part in token.strip().lower().split("_") if part)


def clean_code(text: str) -> str | None:
    """`[042:043]` -> "042" (the source's code), `[:173]` -> "173", `[---]` -> "---"."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("---"):
        return "---"
    parts = [p for p in text.split(":") if p.strip() and p.strip() != "---"]
    code = parts[0].strip() if parts else "---"
    return code if re.fullmatch(r"\d{2,4}", code) else "---"


def parse_verb(line: str) -> tuple[list[str], str | None]:
    """A verb line -> its forms (base, listed or generated inflections) and its own code, if any."""
    code_match = CODE.search(line)
    code = clean_code(code_match.group(1)) if code_match else None
    body = CODE.sub("", line)
    irregular = re.search(r"\{([^}]*)\}", body)
    base = body[: irregular.start()] if irregular else body
    base = base.strip().lstrip("+")
    if not base:
        return [], code
    base_words = words_of(base)
    if irregular:
        listed = [words_of(t.lstrip("+")) for t in irregular.group(1).split()]
        return [base_words, *listed], code
    first, _, rest = base_words.partition(" ")
    return [f"{form} {rest}".strip() for form in inflections(first)], code


def inflections(verb: str) -> list[str]:
    """The base and its regular -s, -ed, -ing forms (PETRARCH's rules: no consonant doubling)."""
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        third = verb + "es"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past, ing = verb + "d", (verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing")
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    return [verb, third, past, ing]


def parse_pattern(line: str, synsets: dict[str, list[str]]) -> tuple[str, str] | None:
    """`- * (TO BORDER) [154]` -> ("to border", "154"): the items after the verb, `&SET` expanded to `a|b`.

    Patterns with words before the verb (the subject) or without a code are left out.
    """
    code_match = CODE.search(line)
    if not code_match:
        return None
    code = clean_code(code_match.group(1))
    if code in (None, "---"):
        return None
    body = CODE.sub("", line)[1:].strip()
    before, star, after = body.partition("*")
    if not star or before.strip():
        return None
    items = []
    for token in re.sub(r"[(){}$^%=+]", " ", after).split():
        if token.startswith("&"):
            members = synsets.get(token[1:].lower())
            if not members:
                return None
            items.append("|".join(m.replace(" ", "_") for m in members))
        elif re.fullmatch(r"[A-Z][A-Z'\-]*_?", token):
            items.append(words_of(token))
    if not items or len(items) > MAX_CONTEXT:
        return None
    return " ".join(items), code


def legacy_triggers(ontology) -> list[tuple[str, str]]:
    import yaml

    taxonomy = yaml.safe_load(LEGACY_TAXONOMY.read_text(encoding="utf-8"))
    pairs = []
    for event_type, spec in taxonomy.items():
        mapped = ontology.legacy_category(event_type)
        if mapped is None:
            continue
        code = LEGACY_CODE.get(event_type) or (mapped[1] + "0")
        pairs += [(trigger.lower(), code) for trigger in spec["triggers"] if trigger.lower() not in LEGACY_SKIP]
    return pairs




if __name__ == "__main__":
    main(Path(sys.argv[1]))
