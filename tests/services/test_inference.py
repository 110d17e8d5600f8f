"""An undated article takes the publication day of dated articles quoting the same statements."""

import datetime as dt

from s400tracker.core.query import StatementFilter
from s400tracker.services.tracker import Tracker

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
