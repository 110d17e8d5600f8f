"""An undated article takes the publication day of dated articles quoting the same statements."""

import datetime as dt
import sqlite3

from s400tracker.core.query import StatementFilter
from s400tracker.core.similarity import wording_key
from s400tracker.services.tracker import Tracker
from s400tracker.store import Store, inference

DATED = ('Russia condemned the sanctions. "These are illegitimate, unilateral coercive measures by Washington,"'
         ' Lavrov said.\n')
UNDATED = ('"These are illegitimate, unilateral coercive measures by Washington," Russian Foreign Minister '
           'Sergei Lavrov said on Monday.\n')


def _write(folder, name, text, published=""):
    (folder / name).write_text(text, encoding="utf-8")
    with (folder / "articles.csv").open("a", encoding="utf-8") as f:
        f.write(f"{name},,{name},{published},\n")


def test_undated_article_is_dated_by_its_dated_twin_and_marked_inferred(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "articles.csv").write_text("file,outlet,title,published,url\n", encoding="utf-8")
    _write(folder, "dated.txt", DATED, "2020-12-15")
    _write(folder, "undated.txt", UNDATED)
    with Tracker.open(tmp_path / "t.db", seed=False) as t:
        report = t.import_paths([folder])
        assert [i.published for i in report.inferred] == [dt.date(2020, 12, 15)]
        assert "dated by inference" in report.summary()
        undated = next(d for d in t.documents() if d.path.endswith("undated.txt"))
        assert (undated.published, undated.date_basis) == (dt.date(2020, 12, 15), "inferred")
        mine = t.statements(StatementFilter(document_id=undated.id, include_hidden=True))
        assert mine and all(s.date == dt.date(2020, 12, 14) for s in mine), "'on Monday' before the 15th"
        assert all(s.date_basis == "inferred" for s in mine)


def test_an_article_with_no_dated_twin_stays_undated(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "lonely.txt").write_text(UNDATED, encoding="utf-8")
    with Tracker.open(tmp_path / "t.db", seed=False) as t:
        report = t.import_paths([folder])
        assert report.inferred == ()
        assert all(d.published is None for d in t.documents())


OTHER_WORDS = ['"Ankara will weigh every option before the summit in Brussels," Lavrov said.\n',
               '"The pipeline deal stays on the table for now," Lavrov said.\n',
               '"Our grain corridor talks resume next month in Istanbul," Lavrov said.\n']


def _folder(tmp_path, name, files: dict[str, tuple[str, str]]):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "articles.csv").write_text("file,outlet,title,published,url\n", encoding="utf-8")
    for file, (text, published) in files.items():
        _write(folder, file, text, published)
    return folder


def test_an_import_reexamines_only_the_undated_articles_it_may_date(tmp_path, monkeypatch):
    examined: list[int] = []
    votes = Store.publication_votes
    monkeypatch.setattr(Store, "publication_votes", lambda self, doc: examined.append(doc) or votes(self, doc))
    with Tracker.open(tmp_path / "t.db", seed=False) as t:
        t.import_paths([_folder(tmp_path, "a", {"undated.txt": (UNDATED, "")})])
        (undated,) = examined
        examined.clear()
        # A dated article quoting something else: the undated one's votes cannot have changed.
        report = t.import_paths([_folder(tmp_path, "b", {"other.txt": (OTHER_WORDS[0], "2020-12-10")})])
        assert examined == [] and report.inferred == ()
        # Its dated twin: now it is examined, and dated as before.
        report = t.import_paths([_folder(tmp_path, "c", {"dated.txt": (DATED, "2020-12-15")})])
        assert examined == [undated]
        assert [(i.document_id, i.published) for i in report.inferred] == [(undated, dt.date(2020, 12, 15))]


def test_dating_compares_only_the_statements_sharing_its_words(tmp_path, monkeypatch):
    compared = []
    same = inference.same_wording
    monkeypatch.setattr(inference, "same_wording", lambda a, b: compared.append(b) or same(a, b))
    files = {f"other{i}.txt": (OTHER_WORDS[i % 3].replace("now", f"now {i}"), "2020-12-1" + str(i % 9))
             for i in range(30)}
    files["dated.txt"] = (DATED, "2020-12-15")
    with Tracker.open(tmp_path / "t.db", seed=False) as t:
        t.import_paths([_folder(tmp_path, "a", files)])
        compared.clear()
        report = t.import_paths([_folder(tmp_path, "b", {"undated.txt": (UNDATED, "")})])
        assert [i.published for i in report.inferred] == [dt.date(2020, 12, 15)]
    # Lavrov's 31 dated statements: only his twin's wording was put to the comparison.
    assert compared == [wording_key(DATED.split('"')[1])]


def test_a_store_from_before_the_wording_index_dates_by_its_old_statements(tmp_path):
    path = tmp_path / "t.db"
    with Tracker.open(path, seed=False) as t:
        t.import_paths([_folder(tmp_path, "a", {"dated.txt": (DATED, "2020-12-15")})])
    conn = sqlite3.connect(path)   # as version 5 left it: no wording index
    conn.executescript("DROP TABLE wording_stems; DROP INDEX documents_undated; PRAGMA user_version = 5;")
    conn.close()
    with Tracker.open(path, seed=False) as t:
        report = t.import_paths([_folder(tmp_path, "b", {"undated.txt": (UNDATED, "")})])
        assert [i.published for i in report.inferred] == [dt.date(2020, 12, 15)]
