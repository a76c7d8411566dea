"""The governance API: the published matrix, the ranking and the roadmap, for any staff.

The ranking is "reproducible from them": the response carries the criteria, weights,
scale and every request's mean scores, so anyone can work the priorities out again.
"""

from __future__ import annotations

from ninja import Router
from ninja.security import SessionAuth

from frontdoor.governance import queries
from frontdoor.governance.schemas import MatrixOut, RankingOut, RoadmapItemOut


class StaffSession(SessionAuth):
    """A signed-in member of staff (the same gate as the staff pages)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user and user.is_staff and user.is_active else None


router = Router(tags=["governance"], auth=StaffSession(csrf=True))


def _matrix(matrix: queries.Matrix) -> dict:
    return {
        "version": matrix.version.number if matrix.version else None,
        "published_at": matrix.version.published_at if matrix.version else None,
        "weight_total": matrix.weight_total,
        "scale_min": matrix.scale_min,
        "scale_max": matrix.scale_max,
        "formula": queries.FORMULA,
        "criteria": [c.__dict__ for c in matrix.criteria],
    }


@router.get("/matrix", response=MatrixOut, summary="The prioritisation matrix in force")
def matrix(request):
    return _matrix(queries.matrix_current())


@router.get("/ranking", response=RankingOut, summary="Open change requests, ranked")
def ranking(request):
    current = queries.matrix_current()
    return {
        "matrix": _matrix(current),
        "requests": [
            {
                "reference": r.request.reference,
                "title": r.request.title,
                "status": r.request.status,
                "submitted_at": r.request.submitted_at,
                "rank": r.rank,
                "scorers": r.scorers,
                "mean_scores": r.means,
                "priority": r.priority,
            }
            for r in queries.ranking(matrix=current)
        ],
    }


@router.get("/roadmap", response=list[RoadmapItemOut], summary="The roadmap, theme by theme")
def roadmap(request):
    return [
        {
            "id": item.pk,
            "theme": board.theme.name,
            "timeframe": item.timeframe,
            "level": item.level,
            "title": item.title,
            "lead": item.lead,
            "status": item.status,
            "rag": item.rag,
            "source": item.source_file,
        }
        for board in queries.roadmap_board()
        for column in board.columns
        for _, items in column.levels
        for item in items
    ]
