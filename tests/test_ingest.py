import io
import json

from pipeline.ingest import read_inputs, read_jsonl_stream, split_front_matter


def test_front_matter_is_metadata_and_body_is_kept_verbatim(tmp_path):
    body = "Line one.\r\nLine two with   spaces.\n"
    (tmp_path / "a.txt").write_text("---\ntitle: A title\npublished: 2024-01-02\nid: art-1\n---\n" + body, encoding="utf-8", newline="")
    [article] = list(read_inputs([str(tmp_path / "a.txt")]))
    assert (article.id, article.title, article.published, article.text) == ("art-1", "A title", "2024-01-02", body)
    assert article.error is None


def test_front_matter_needs_a_closing_fence():
    assert split_front_matter("---\ntitle: x\nno end") == ({}, "---\ntitle: x\nno end")


def test_directory_is_recursive_sorted_and_ignores_gold_json(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Bee.", encoding="utf-8")
    (tmp_path / "sub" / "a.md").write_text("Ay.", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    assert [a.id for a in read_inputs([str(tmp_path)])] == ["b", "a"]


def test_bad_files_become_errors_naming_the_problem(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes("\ufeffHello.".encode("utf-8"))
    by_id = {a.id: a for a in read_inputs([str(tmp_path)])}
    assert by_id["binary"].error.code == "E108"
    assert by_id["latin1"].error.code == "E102" and "offset 3" in by_id["latin1"].error.message
    assert by_id["empty"].error.code == "E103"
    assert by_id["bom"].error is None and by_id["bom"].text == "Hello."


def test_jsonl_bad_lines_are_errors_and_good_lines_survive():
    lines = [
        json.dumps({"id": "ok1", "text": "Fine.", "published": "2020-01-01", "url": "http://x"}),
        "{not json",
        "[1, 2]",
        json.dumps({"id": "nt", "text": 5}),
        json.dumps({"id": "missing"}),
        json.dumps({"id": ["x"], "text": "t"}),
        "",
        json.dumps({"id": 7, "text": "Numeric id."}),
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "bad", "text": "caf\xe9"}\n' + b'{"id": "after", "text": "Still read."}\n'
    articles = list(read_jsonl_stream(io.BytesIO(data), "in.jsonl"))
    codes = [(a.id, a.error.code if a.error else None) for a in articles]
    assert codes == [("ok1", None), ("in.jsonl:2", "E104"), ("in.jsonl:3", "E105"), ("nt", "E106"), ("missing", "E106"), ("in.jsonl:6", "E107"), ("7", None), ("in.jsonl:9", "E102"), ("after", None)]
    assert articles[0].url == "http://x" and articles[1].origin == "in.jsonl:2"


def test_duplicate_ids_are_errors(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "One."}) + "\n" + json.dumps({"id": "x", "text": "Two."}) + "\n", encoding="utf-8")
    first, second = read_inputs([str(path)])
    assert first.error is None and second.error.code == "E112"


def test_html_main_text_and_date(tmp_path):
    html = """<html><head><title>Raid in Kandahar</title><meta property="article:published_time" content="2013-01-22"></head>
    <body><nav>Home | About</nav><article><h1>Raid in Kandahar</h1>
    <p>Afghan and coalition forces detained two suspected insurgents in Kandahar province on Sunday, officials said.</p>
    <p>The operation targeted a Taliban leader who planned attacks against Afghan forces in the district.</p></article>
    <footer>Copyright</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [article] = list(read_inputs([str(tmp_path / "page.html")]))
    assert article.error is None
    assert "detained two suspected insurgents" in article.text and "Copyright" not in article.text
    assert article.published == "2013-01-22"


def test_html_without_body_is_an_error(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head></html>", encoding="utf-8")
    [article] = list(read_inputs([str(tmp_path / "empty.html")]))
    assert article.error.code == "E109"


def test_articles_with_errors_survive_pickling_to_worker_processes():
    import pickle

    [article] = list(read_jsonl_stream(io.BytesIO(b"{broken\n"), "in.jsonl"))
    copy = pickle.loads(pickle.dumps(article))
    assert (copy.error.code, copy.error.where, copy.error.message) == (article.error.code, article.error.where, article.error.message)
