"""The "about the figures" page: every measure the dashboard shows, in words and worked examples."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app.config import Settings
from app.incidents import measures
from app.incidents.comparison import figure_text
from app.review.models import User
from app.templating import render
from app.web.auth import csrf_token, current_user
from app.web.deps import get_settings

router = APIRouter()

# (value, value_high, qualifier) of the worked examples; their spans are computed, never typed.
_SPAN_EXAMPLES = ((58, None, "exact"), (20, None, "at_least"), (200, None, "more_than"), (30, None, "up_to"),
                  (50, None, "about"), (20, 30, "range"))
# Pairs of party figures and what the page says of them, computed by the same functions as the grid.
_PAIR_EXAMPLES = (((58, None, "exact"), (23, None, "exact")), ((200, None, "more_than"), (23, None, "exact")),
                  ((20, None, "at_least"), (58, None, "exact")), ((50, None, "about"), (60, None, "exact")),
                  ((20, 30, "range"), (25, None, "exact")), ((5, None, "exact"), (0, None, "exact")))


def about_context(tolerance: float) -> dict[str, Any]:
    """The worked examples of every measure, computed by app.incidents.measures."""
    spans = [{"figure": figure_text(v, h, q), "span": measures.span(v, h, q).text} for v, h, q in _SPAN_EXAMPLES]
    pairs = []
    for a, b in _PAIR_EXAMPLES:
        d = measures.disagreement([measures.span(*a), measures.span(*b)], denied=False, tolerance=tolerance)
        pairs.append({"a": figure_text(*a), "b": figure_text(*b), "ratio": d.ratio_text, "gap": d.gap_text,
                      "can_agree": d.can_agree, "kind": d.kind, "differ": d.kind == measures.DIFFER})
    denied = measures.disagreement([measures.span(25)], denied=True, tolerance=tolerance)
    return {"spans": spans, "pairs": pairs, "denied": denied, "tolerance": tolerance,
            "about_margin": measures.ABOUT_MARGIN}


@router.get("/about/figures", include_in_schema=False)
async def about_figures(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User | None, Depends(current_user)],
) -> Response:
    context = about_context(settings.contest_tolerance)
    context.update(title="About the figures", nav="about", user=user, csrf=csrf_token(request))
    return render(request, "about/figures.html", context)
