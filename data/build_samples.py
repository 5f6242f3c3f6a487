"""Build the bundled sample dumps in data/samples/ from real articles in /work/shared.

Every article body comes verbatim from a public dataset (see data/samples/README.md);
only the packaging (format, field names, HTML page chrome, WARC headers) is made
here. The output is byte-for-byte reproducible: selections are fixed, gzip and WARC
timestamps are pinned, and record ids are derived from content.

Run from the repository root:  .venv/bin/python data/build_samples.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import io
import json
import shutil
import uuid
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SHARED = Path("/work/shared")
POLNEAR = SHARED / "datasets/polnear/articles.jsonl"
UKRAINE = SHARED / "datasets/news_samples/ukraine_news_bias_2014.jsonl"
WORKED_EXAMPLE = SHARED / "samples/kyiv-atacms-strike.txt"
RUWA = SHARED / "datasets/ruwa/ruwa.jsonl"
# RUWA rows (headline + subheading, publisher, date) of five outlets reporting the missile strike on the
# Kramatorsk railway station of 2022-04-08 over three days (one of them the Russian denial), and one report
# of a different strike three days later: the multi-article sample of the stories stage.
RUWA_KRAMATORSK = ("5869", "6636", "9287", "12311", "5119", "30464", "30497", "5040", "12425", "30587")
OUT = Path(__file__).resolve().parent / "samples"

# Long articles would only make the samples heavier without exercising anything new.
MAX_ARTICLE_CHARS = 12_000
# A fixed crawl date, far from every publish date, so a reader that mistakes the
# WARC-Date for the publish date is caught by the tests.
CRAWL_DATE = "2024-05-01T00:00:00Z"
RECORD_ID_NAMESPACE = uuid.UUID("6f1c3a52-3b8e-4f57-9a65-5a0d1f2b7c11")

# PolNeAR names publishers by a short key; the domains and site names below are
# the publishers' own, used to dress the samples (the dataset has no URLs).
PUBLISHERS = {
    "breitbart": ("www.breitbart.com", "Breitbart"),
    "huff-post": ("www.huffingtonpost.com", "The Huffington Post"),
    "nyt": ("www.nytimes.com", "The New York Times"),
    "politico": ("www.politico.com", "POLITICO"),
    "usa-today": ("www.usatoday.com", "USA TODAY"),
    "wash-post": ("www.washingtonpost.com", "The Washington Post"),
    "west-journal": ("www.westernjournalism.com", "Western Journalism"),
}

# Grundgesetz für die Bundesrepublik Deutschland, Art. 5 (1)-(3), as published in
# the Bundesgesetzblatt; an official work, in the public domain under § 5 UrhG.
GERMAN_TITLE = "Grundgesetz für die Bundesrepublik Deutschland, Artikel 5"
GERMAN_TEXT = (
    "(1) Jeder hat das Recht, seine Meinung in Wort, Schrift und Bild frei zu äußern und zu "
    "verbreiten und sich aus allgemein zugänglichen Quellen ungehindert zu unterrichten. "
    "Die Pressefreiheit und die Freiheit der Berichterstattung durch Rundfunk und Film werden "
    "gewährleistet. Eine Zensur findet nicht statt.\n\n"
    "(2) Diese Rechte finden ihre Schranken in den Vorschriften der allgemeinen Gesetze, den "
    "gesetzlichen Bestimmungen zum Schutze der Jugend und in dem Recht der persönlichen Ehre.\n\n"
    "(3) Kunst und Wissenschaft, Forschung und Lehre sind frei. Die Freiheit der Lehre "
    "entbindet nicht von der Treue zur Verfassung."
)

# The exact duplicate re-serves an article under its <title>-tag headline, as a
# scraper that reads <title> would; the near duplicate edits one sentence of
# another and appends an update note.
EXACT_DUPLICATE_OF = "breitbart_2016-09-12_stealth-over-health-hillary-clin"
NEAR_DUPLICATE_OF = "huff-post_2016-09-20_elizabeth-warren-hammers-wells-f"
NEAR_DUPLICATE_EDIT = ("“It’s gutless leadership,” Warren said.", "“It’s gutless leadership,” Warren told Stumpf.")
NEAR_DUPLICATE_APPENDED = "This story has been updated."

GENERATED = (
    "worked-example",
    "polnear-newsplease.jsonl",
    "ukraine-2014.jsonl.gz",
    "polnear.csv",
    "html",
    "crawl.warc.gz",
    "hf-dataset",
    "articles.parquet",
    "repeats-and-bad-records.jsonl",
    "ruwa-kramatorsk.jsonl",
)

Article = dict[str, Any]


def load_polnear_dev() -> list[Article]:
    """Dev articles in a fixed order that rotates through the publishers.

    Rotating means every consecutive slice of the list mixes publishers, so each
    sample dump gets several of them without hand-picking.
    """
    by_publisher: dict[str, list[Article]] = defaultdict(list)
    with POLNEAR.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["split"] == "dev" and len(article["text"]) <= MAX_ARTICLE_CHARS:
                by_publisher[article["publisher"]].append(article)
    for articles in by_publisher.values():
        articles.sort(key=lambda a: a["doc_id"])
    rotated = []
    for rank in range(max(len(a) for a in by_publisher.values())):
        for publisher in sorted(by_publisher):
            if rank < len(by_publisher[publisher]):
                rotated.append(by_publisher[publisher][rank])
    return rotated


def domain(article: Article) -> str:
    return PUBLISHERS[article["publisher"]][0]


def site_name(article: Article) -> str:
    return PUBLISHERS[article["publisher"]][1]


def slug(article: Article) -> str:
    return article["doc_id"].split("_", 2)[2]


def illustrative_url(article: Article) -> str:
    y, m, d = article["date"].split("-")
    return f"https://{domain(article)}/{y}/{m}/{d}/{slug(article)}/"


def authors(article: Article) -> list[str]:
    return [] if article["author"] in ("", "None") else [article["author"]]


def body_paragraphs(article: Article) -> list[str]:
    # PolNeAR texts open with the headline as their first paragraph; on a web page
    # the headline lives in <h1>, so the body starts after it.
    paragraphs = [p.strip() for p in article["text"].split("\n\n")]
    return [" ".join(p.split("\n")) for p in paragraphs[1:] if p]


def newsplease_record(article: Article) -> dict[str, Any]:
    """The field names news-please writes; the text is PolNeAR's, verbatim."""
    return {
        "title": article["title"],
        "maintext": article["text"],
        "date_publish": article["date"],
        "source_domain": domain(article),
        "language": "en",
        "authors": authors(article),
    }


def jsonl_line(record: Any) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def write_gzip(path: Path, payload: bytes) -> None:
    # mtime=0 and no file name in the header keep the bytes reproducible.
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(payload)


def write_worked_example(out: Path) -> None:
    folder = out / "worked-example"
    folder.mkdir()
    shutil.copyfile(WORKED_EXAMPLE, folder / "kyiv-atacms-strike.txt")
    # The publisher is unknown, so the sidecar carries no URL and a neutral source.
    sidecar = {"published_at": "2024-11-19", "source": "newslake-sample", "language": "en"}
    (folder / "kyiv-atacms-strike.json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")


def write_newsplease_jsonl(path: Path, articles: list[Article]) -> None:
    path.write_bytes(b"".join(jsonl_line(newsplease_record(a)) for a in articles))


def write_ukraine_jsonl_gz(path: Path, count: int) -> None:
    with UKRAINE.open("rb") as lines:
        head = [next(lines) for _ in range(count)]
    write_gzip(path, b"".join(head))


def write_csv(path: Path, articles: list[Article]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["title", "text", "published", "publisher"])
    for a in articles:
        # A spelled-out date, as spreadsheet exports often carry, not ISO.
        published = date.fromisoformat(a["date"]).strftime("%B %d, %Y").replace(" 0", " ")
        writer.writerow([a["title"], a["text"], published, a["publisher"]])
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def render_page(article: Article, related: list[Article], *, canonical: bool, dated: bool) -> str:
    """A news page as publishers serve it: the article wrapped in site chrome."""
    e = html.escape
    title = article["title"]
    head = [
        '<meta charset="utf-8">',
        f"<title>{e(title)} - {e(site_name(article))}</title>",
        f'<meta property="og:title" content="{e(title)}">',
        f'<meta property="og:site_name" content="{e(site_name(article))}">',
    ]
    if dated:
        head.append(f'<meta property="article:published_time" content="{article["date"]}">')
    if authors(article):
        head.append(f'<meta name="author" content="{e(authors(article)[0])}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{e(illustrative_url(article))}">')
    byline = f'<p class="byline">By {e(authors(article)[0])}</p>' if authors(article) else ""
    dateline = f'<time datetime="{article["date"]}">{article["date"]}</time>' if dated else ""
    paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in body_paragraphs(article))
    links = "\n".join(f'<li><a href="/{e(slug(r))}/">{e(r["title"])}</a></li>' for r in related)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{chr(10).join(head)}
</head>
<body>
<header>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/politics/">Politics</a></li><li><a href="/world/">World</a></li>
<li><a href="/opinion/">Opinion</a></li><li><a href="/subscribe/">Subscribe</a></li>
</ul></nav>
</header>
<main>
<article>
<h1>{e(title)}</h1>
{byline}
{dateline}
{paragraphs}
</article>
<aside><h2>Related stories</h2><ul>
{links}
</ul></aside>
</main>
<footer>
<p>Follow us on Facebook and Twitter</p>
<p>&copy; 2016 {e(site_name(article))}. All rights reserved.</p>
</footer>
</body>
</html>
"""


def page_name(article: Article) -> str:
    return f"{article['publisher']}-{slug(article)}"


def write_html_folder(folder: Path, articles: list[Article], related: list[Article]) -> None:
    folder.mkdir()
    for i, article in enumerate(articles):
        # One .htm page, because real mirrors carry both extensions.
        suffix = ".htm" if i == len(articles) - 1 else ".html"
        page = render_page(article, related[i : i + 3], canonical=True, dated=True)
        (folder / f"{page_name(article)}{suffix}").write_bytes(page.encode("utf-8"))


def warc_record(
    writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes, extra: tuple[tuple[str, str], ...] = ()
) -> ArcWarcRecord:
    http_headers = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    record_id = f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, uri + status)}>"
    return writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": CRAWL_DATE, "WARC-Record-ID": record_id},
    )


def write_warc(path: Path, articles: list[Article], related: list[Article]) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record(path.name, {"software": "newslake data/build_samples.py", "format": "WARC File Format 1.1"})
    info.rec_headers.replace_header("WARC-Date", CRAWL_DATE)
    info.rec_headers.replace_header("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, path.name)}>")
    writer.write_record(info)

    first = articles[0]
    robots = b"User-agent: *\nDisallow: /search/\n"
    writer.write_record(warc_record(writer, f"https://{domain(first)}/robots.txt", "200 OK", "text/plain", robots))
    for i, article in enumerate(articles):
        # Crawlers fetch tracking-tagged links; only a canonical link recovers the
        # clean URL. The last two pages have neither a canonical link nor a date,
        # as many real pages do not.
        canonical = dated = i < len(articles) - 2
        target = illustrative_url(article) + "?utm_source=twitter&utm_medium=social"
        if i == 0:
            # A redirect is a response with an HTML body but no article.
            moved = b"<html><body><h1>301 Moved Permanently</h1></body></html>"
            writer.write_record(
                warc_record(writer, target.replace("https://", "http://"), "301 Moved Permanently", "text/html", moved, (("Location", target),))
            )
        page = render_page(article, related[i : i + 3], canonical=canonical, dated=dated)
        writer.write_record(warc_record(writer, target, "200 OK", "text/html; charset=utf-8", page.encode("utf-8")))
    path.write_bytes(buffer.getvalue())


def tabular_rows(articles: list[Article]) -> list[dict[str, Any]]:
    # No URLs: the dataset has none, and a made-up one would become an article id.
    return [{"title": a["title"], "text": a["text"], "url": None, "published": a["date"], "publisher": a["publisher"]} for a in articles]


def write_hf_dataset(folder: Path, articles: list[Article]) -> None:
    features = datasets.Features({name: datasets.Value("string") for name in ("title", "text", "url", "published", "publisher")})
    dataset = datasets.Dataset.from_list(tabular_rows(articles), features=features)
    dataset.save_to_disk(str(folder))


def write_parquet(path: Path, articles: list[Article]) -> None:
    # A typed date column, as a warehouse export has, rather than a string.
    schema = pa.schema([("title", pa.string()), ("text", pa.string()), ("url", pa.string()), ("published", pa.date32()), ("publisher", pa.string())])
    rows = tabular_rows(articles)
    for row in rows:
        row["published"] = date.fromisoformat(row["published"])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def cp1252_encodable(article: Article) -> bool:
    """Writable in Windows-1252 and not plain ASCII, so that the bytes are invalid UTF-8."""
    try:
        article["text"].encode("cp1252")
    except UnicodeEncodeError:
        return False
    return not article["text"].isascii()


def write_bad_records(path: Path, newsplease: list[Article], spare: list[Article]) -> None:
    """One deliberately bad record per line; README.md lists the expected verdicts."""
    traversal, *spare = spare
    mis_encoded = next(a for a in spare if cp1252_encodable(a))
    spare = [a for a in spare if a is not mis_encoded]
    wrapped, no_text = spare[0], spare[1]
    duplicated = next(a for a in newsplease if a["doc_id"] == EXACT_DUPLICATE_OF)
    near = next(a for a in newsplease if a["doc_id"] == NEAR_DUPLICATE_OF)
    old, new = NEAR_DUPLICATE_EDIT
    assert near["text"].count(old) == 1, "the near-duplicate edit must hit exactly one sentence"

    lines: list[bytes] = []
    # 1 A record cut off mid-string, as a crashed writer leaves it.
    whole = jsonl_line(newsplease_record(newsplease[0])).decode("utf-8")
    lines.append(whole[:160].encode("utf-8") + b"\n")
    # 2 A record written in Windows-1252 instead of UTF-8 (curly quotes become
    #   lone high bytes).
    lines.append((json.dumps(newsplease_record(mis_encoded), ensure_ascii=False) + "\n").encode("cp1252"))
    # 3 A valid record wrapped in a JSON array.
    lines.append(jsonl_line([newsplease_record(wrapped)]))
    # 4 No body field at all.
    record = newsplease_record(no_text)
    del record["maintext"]
    lines.append(jsonl_line(record))
    # 5 and 6 An empty body and a whitespace-only body.
    lines.append(jsonl_line({**newsplease_record(no_text), "maintext": ""}))
    lines.append(jsonl_line({**newsplease_record(no_text), "maintext": "  \n\t  \n"}))
    # 7 Not English.
    lines.append(
        jsonl_line({"title": GERMAN_TITLE, "maintext": GERMAN_TEXT, "date_publish": "1949-05-23", "source_domain": "www.gesetze-im-internet.de", "language": "de", "authors": []})
    )
    # 8 The same article under another headline.
    lines.append(jsonl_line({**newsplease_record(duplicated), "title": f"{duplicated['title']} | {site_name(duplicated)}"}))
    # 9 The same article after a small edit and an appended update note.
    edited = near["text"].replace(old, new) + "\n\n" + NEAR_DUPLICATE_APPENDED
    lines.append(jsonl_line({**newsplease_record(near), "maintext": edited}))
    # 10 A fine article whose source tries to climb out of the lake.
    lines.append(jsonl_line({**newsplease_record(traversal), "source_domain": "../../../etc/passwd"}))
    # 11 A body far too short to be an article.
    lines.append(jsonl_line({"title": "Breaking", "maintext": "Breaking: more soon.", "date_publish": "2016-10-07", "source_domain": "www.politico.com", "language": "en", "authors": []}))
    path.write_bytes(b"".join(lines))


def build(out: Path) -> None:
    articles = load_polnear_dev()
    newsplease, in_csv, in_html, in_warc, in_hf, in_parquet, spare = (
        articles[0:25],
        articles[25:35],
        articles[35:40],
        articles[40:45],
        articles[45:55],
        articles[55:65],
        articles[65:],
    )
    # Replace only what this script writes: README.md beside it is hand-written.
    out.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    write_worked_example(out)
    write_newsplease_jsonl(out / "polnear-newsplease.jsonl", newsplease)
    write_ukraine_jsonl_gz(out / "ukraine-2014.jsonl.gz", 20)
    write_csv(out / "polnear.csv", in_csv)
    write_html_folder(out / "html", in_html, related=newsplease)
    write_warc(out / "crawl.warc.gz", in_warc, related=newsplease[10:])
    write_hf_dataset(out / "hf-dataset", in_hf)
    write_parquet(out / "articles.parquet", in_parquet)
    write_bad_records(out / "repeats-and-bad-records.jsonl", newsplease, spare)
    write_ruwa_kramatorsk(out / "ruwa-kramatorsk.jsonl")


def write_ruwa_kramatorsk(path: Path) -> None:
    """RUWA has no article bodies: the subheading is the text, the headline the title."""
    rows = {row["id"]: row for row in map(json.loads, RUWA.read_text(encoding="utf-8").splitlines())}
    records = [{"url": rows[i]["url"], "publisher": rows[i]["publisher"], "published": rows[i]["published"],
                "title": rows[i]["title"] or None, "text": rows[i]["desc"]} for i in RUWA_KRAMATORSK]
    path.write_bytes(b"".join(jsonl_line(record) for record in records))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    datasets.disable_progress_bars()
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (its generated files are replaced)")
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
