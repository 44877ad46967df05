from decimal import Decimal

from customers.headcounts import segment_costs


def test_learner_segments_get_their_share_of_the_investment():
    costs = segment_costs(
        cost_per_learner=Decimal("12.345"),
        segments=[(1, "learners", 100), (2, "line_managers", 40), (3, "learners", None)],
    )
    assert list(costs) == [1]
    assert costs[1].share == Decimal("1234.50")
    assert costs[1].cost_per_learner == Decimal("12.345") and costs[1].headcount == 100


def test_no_cost_per_learner_means_no_figures():
    assert segment_costs(cost_per_learner=None, segments=[(1, "learners", 100)]) == {}
