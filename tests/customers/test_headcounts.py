from decimal import Decimal

from customers.headcounts import largest_remainder, segment_costs


def test_learner_segments_get_their_share_of_the_investment():
    costs = segment_costs(
        cost_per_learner=Decimal("12.345"),
        segments=[(1, "learners", 100), (2, "line_managers", 40), (3, "learners", None)],
    )
    assert list(costs) == [1]
    assert costs[1].share == Decimal("1234.50")
    assert costs[1].cost_per_learner == Decimal("12.345")
    assert costs[1].headcount == 100


def test_no_cost_per_learner_means_no_figures():
    assert segment_costs(cost_per_learner=None, segments=[(1, "learners", 100)]) == {}


def test_fewer_learners_reached_than_in_the_segments_shares_the_investment_by_headcount():
    # 48,000 over 1,000 learners entered by hand is 48 per learner; times the segments'
    # 1,600 people that would be 76,800, more than the whole investment.
    costs = segment_costs(
        cost_per_learner=Decimal("48"),
        investment=Decimal("48000"),
        learners_reached=1000,
        segments=[(1, "learners", 1200), (2, "learners", 400), (3, "smes", 5000)],
    )
    assert list(costs) == [1, 2]
    assert (costs[1].share, costs[2].share) == (Decimal("36000.00"), Decimal("12000.00"))
    assert costs[1].cost_per_learner == Decimal("30")
    assert costs[1].by_headcount


def test_shares_by_headcount_add_up_to_the_investment_exactly():
    costs = segment_costs(
        cost_per_learner=Decimal("100"),
        investment=Decimal("100"),
        learners_reached=1,
        segments=[(1, "learners", 1), (2, "learners", 1), (3, "learners", 1)],
    )
    assert [cost.share for cost in costs.values()] == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert sum(cost.share for cost in costs.values()) == Decimal("100")


def test_segments_holding_every_learner_share_the_total_to_the_cent():
    investment = Decimal("3343240")
    headcounts = [4200, 380, 24]
    costs = segment_costs(
        cost_per_learner=(investment / sum(headcounts)).quantize(Decimal("0.01")),
        investment=investment,
        learners_reached=sum(headcounts),
        segments=[(n, "learners", h) for n, h in enumerate(headcounts)],
    )
    assert sum(cost.share for cost in costs.values()) == investment
    assert not any(cost.by_headcount for cost in costs.values())


def test_largest_remainder_rounding():
    assert largest_remainder(Decimal("10"), [1, 1, 1], unit=Decimal(1)) == [4, 3, 3]
    assert largest_remainder(Decimal("1.00"), [2, 1]) == [Decimal("0.67"), Decimal("0.33")]
    assert largest_remainder(Decimal("5"), [0, 0]) == [0, 0]


def test_enough_learners_reached_keeps_cost_per_learner_times_headcount():
    costs = segment_costs(
        cost_per_learner=Decimal("10"),
        investment=Decimal("48000"),
        learners_reached=4800,
        segments=[(1, "learners", 1200)],
    )
    assert costs[1].share == Decimal("12000.00")
    assert not costs[1].by_headcount
