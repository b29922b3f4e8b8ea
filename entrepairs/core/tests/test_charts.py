"""The shared SVG line chart: coordinates never localised, gaps break lines, a readable axis."""

from entrepairs.core.charts import Series, _nice_top, line_chart


def test_the_axis_tops_at_a_round_value_above_the_highest_point():
    assert [_nice_top(v) for v in (0, 0.7, 1.3, 2.2, 4.9, 7, 12)] == [1, 1, 2, 2.5, 5, 10, 20]


def test_a_missing_week_breaks_the_line_and_the_table_keeps_every_row():
    chart = line_chart("t", ["a", "b", "c", "d"], [Series("s", [1.0, 2.0, None, 4.0])])
    (line,) = chart.lines
    assert len(line["segments"]) == 2 and line["segments"][1].count(",") == 1
    assert [row["values"] for row in chart.rows] == [[1.0], [2.0], [None], [4.0]]
    assert not chart.is_empty


def test_coordinates_are_plain_dotted_numbers_whatever_the_language(settings):
    from django.utils import translation

    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override("fr"):
        chart = line_chart("t", ["a", "b"], [Series("s", [0.5, 1.25])])
    for point in chart.lines[0]["segments"][0].split():
        x, y = point.split(",")
        float(x), float(y)  # "12.5", never "12,5"
    assert all("," not in t["y"] for t in chart.y_ticks)
    # The axis tops at the round value above the highest point (1.25 -> 2).
    assert chart.y_ticks[-1]["value"] == 2


def test_a_chart_without_values_says_so():
    assert line_chart("t", ["a"], [Series("s", [None])]).is_empty


def test_bar_widths_are_dotted_shares_of_the_maximum_whatever_the_language():
    from django.utils import translation

    from entrepairs.core.charts import bar_chart

    with translation.override("fr"):
        chart = bar_chart("t", [("a", 1), ("b", 3), ("c", 0.5)])
    assert [bar["width"] for bar in chart.bars] == ["33.3%", "100.0%", "16.7%"]
    rates = bar_chart("t", [("full", 120), ("none", -5), ("half", 50)], unit="%", maximum=100)
    assert [bar["width"] for bar in rates.bars] == ["100.0%", "0.0%", "50.0%"]
    assert [bar["value"] for bar in rates.bars] == [120, -5, 50]  # the figure is never clamped
    assert bar_chart("t", []).is_empty and bar_chart("t", [("a", 0)]).bars[0]["width"] == "0.0%"


def test_a_wide_line_chart_has_a_compact_drawing_of_the_same_lines_for_a_phone():
    labels = [f"s{i}" for i in range(12)]
    chart = line_chart("t", labels, [Series("s", [float(i) for i in range(12)])])
    compact = chart.compact
    assert compact is not None and compact.compact is None
    assert compact.viewbox == "0 0 340 220" and chart.viewbox == "0 0 640 260"
    # Fewer axis labels so they do not overlap at the phone's size; the same points and rows.
    assert len(compact.x_ticks) <= 4 < len(chart.x_ticks)
    assert len(compact.lines[0]["segments"][0].split()) == 12
    assert compact.rows == chart.rows


def test_the_line_chart_template_draws_both_with_their_own_titles():
    from django.template.loader import render_to_string

    chart = line_chart("Charge", ["a", "b"], [Series("s", [1.0, 2.0])])
    html = render_to_string("core/_line_chart.html", {"chart": chart, "chart_id": "c"})
    assert html.count("<svg") == 2
    assert 'aria-labelledby="c-title"' in html and 'aria-labelledby="c-compact-title"' in html
    assert 'class="mw-640 line-chart-wide"' in html and 'class="line-chart-compact"' in html
