"""Quick self-check for content files while they are being written (the real validator is bot.content)."""
import sys, yaml, glob, re
from pathlib import Path
root = Path(__file__).resolve().parent.parent / "content"
sources = {yaml.safe_load(open(f))["id"]: yaml.safe_load(open(f))["text"] for f in glob.glob(str(root / "sources/*.yaml"))}
errors = []
def check_source(where, src):
    if src == "general":
        return
    if isinstance(src, dict) and set(src) - {"article", "quote"}:
        errors.append(f"{where}: source has extra keys {set(src)} (unquoted comma in a flow mapping?)")
    if not isinstance(src, dict) or src.get("article") not in sources:
        errors.append(f"{where}: bad source {src!r}"); return
    q = src.get("quote", "")
    if not q or q not in sources[src["article"]]:
        errors.append(f"{where}: quote not verbatim in {src['article']}: {q!r}")
    if "〔乱码〕" in q:
        errors.append(f"{where}: quote crosses a garbled mark")
def loc(where, v, limit=None):
    if not isinstance(v, dict) or not v.get("zh") or not v.get("en"):
        errors.append(f"{where}: needs zh and en"); return
    if set(v) - {"zh", "en"}:
        errors.append(f"{where}: extra keys {set(v) - {'zh', 'en'}} (an unquoted ASCII comma inside a {{...}} flow mapping? quote the value)")
    for lang in ("zh", "en"):
        if limit and isinstance(v[lang], str) and len(v[lang]) > limit:
            errors.append(f"{where}.{lang}: {len(v[lang])} > {limit} chars")
for path in sys.argv[1:]:
    items = yaml.safe_load(open(path))
    for it in items:
        w = f"{path}:{it.get('id')}"
        if "source" in it:
            check_source(w, it["source"])
        if "question" in it:
            loc(w + ".question", it["question"], 300)
            opts = it.get("options", [])
            n_ok = sum(1 for o in opts if o.get("correct"))
            if n_ok != 1: errors.append(f"{w}: {n_ok} correct options")
            if it["kind"] == "true_false" and len(opts) != 2: errors.append(f"{w}: true_false needs 2 options")
            if it["kind"] != "true_false" and not 3 <= len(opts) <= 4: errors.append(f"{w}: needs 3-4 options")
            for o in opts: loc(w + ".option", o.get("text"), 100)
            loc(w + ".explanation", it.get("explanation"), 200)
            loc(w + ".detail", it.get("detail"))
            for lang in ("zh", "en"):
                if it.get("explanation", {}).get(lang, "").count("\n") > 2: errors.append(f"{w}: explanation > 2 line feeds")
            if it.get("kind") not in ("single", "true_false", "scenario", "red_flag"): errors.append(f"{w}: bad kind")
            if it.get("difficulty") not in (1, 2, 3): errors.append(f"{w}: bad difficulty")
print("\n".join(errors) or "ok")
for path in sys.argv[1:]:
    items = yaml.safe_load(open(path))
    qs = [i for i in items if "question" in i]
    if qs:
        g = sum(1 for i in qs if i.get("source") == "general")
        print(f"{path}: {len(qs)} questions, {g} general, kinds:", {k: sum(1 for i in qs if i['kind']==k) for k in ('single','true_false','scenario','red_flag')})
sys.exit(1 if errors else 0)
