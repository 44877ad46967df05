"""The default self-assessment: six areas, their statements and their advice.

Migration 0002 holds a frozen copy of this data and creates version 1 of the
default set from it on every install; `scorecard.services.ensure_default_question_set`
builds the set from this module when a database has none (tests that flush
tables, a wiped install).

The two must stay identical, and a test checks it on purpose
(tests/scorecard/test_question_sets.py,
`test_the_migration_copy_matches_the_live_module_today`): editing the wording
here alone fails it. To change the questions of a running install, copy the set
into a new draft version in the admin, edit the draft, and publish it. To ship
new wording with the code, add a data migration that creates and publishes the
new version, update this module to match, and point that test at the new
migration's copy. Never edit a set an assessment has used.
"""

DEFAULT_SET_NAME = "Learning organization self-assessment"
DEFAULT_SET_INTRO = (
    "Rate how much you agree with each statement about your learning organization "
    "today. Go with your first instinct; choose “Not sure” when you don't know."
)

# One entry per canvas area (keys match canvas.areas.AreaKey), in canvas order.
# Each statement is (text, advice when answered 1 or 2).
DEFAULT_AREAS: tuple[dict, ...] = (
    {
        "area": "value_proposition",
        "advice_low": (
            "Write down, in one sentence each, what you promise the business: lower costs, "
            "stronger skills, less risk or easier work. Test those sentences with two senior "
            "leaders this month and rewrite them in their words."
        ),
        "advice_middle": (
            "Your promise exists but is not yet shared. Check it against what each group you "
            "serve actually expects, and drop the claims nobody would pay for."
        ),
        "advice_high": (
            "Your promise is clear and recognised. Keep it alive: revisit it whenever the "
            "business changes direction, and use it to say no to work that does not fit."
        ),
        "statements": (
            (
                "We can say in one sentence what learning promises the business.",
                "Draft that sentence with your team, then ask a senior leader to say it back "
                "to you in their own words.",
            ),
            (
                "Senior leaders would describe our value the same way we do.",
                "Ask three leaders what they rely on learning for, and compare their answers "
                "with your own description.",
            ),
            (
                "Each group we serve gets something it would miss if we stopped.",
                "Pick the group you serve least well and ask them what they would miss; "
                "if the answer is nothing, that is where to start.",
            ),
            (
                "We know which business results we help move: costs, skills, risk or speed "
                "of work.",
                "Name one business result per offering, and agree with its owner how you "
                "will both see it move.",
            ),
        ),
    },
    {
        "area": "products_services",
        "advice_low": (
            "List every program, course, tool and community you run, with who uses it and "
            "why. Stop or merge the ones nobody would miss before you build anything new."
        ),
        "advice_middle": (
            "You know what you offer; now manage it as a portfolio. Give each offering an "
            "owner, a purpose and a usage figure, and review the list twice a year."
        ),
        "advice_high": (
            "Your offerings earn their keep. Look at speed next: how long a new need takes "
            "to become something people can use."
        ),
        "statements": (
            (
                "Every offering answers a need someone in the business has named.",
                "For each offering, write down who asked for it and what problem it solves; "
                "question the ones with no answer.",
            ),
            (
                "We know how much each offering is actually used, not only how it is rated.",
                "Collect usage and return visits for your five biggest offerings; high ratings "
                "with low use mean the offering falls short.",
            ),
            (
                "We retire offerings that are no longer used or no longer work.",
                "Choose one offering to retire this quarter and tell its audience what "
                "replaces it.",
            ),
            (
                "We can turn a new need into something people can use within weeks, not months.",
                "Time your last three releases from request to launch, and find the step "
                "where most of the waiting happened.",
            ),
        ),
    },
    {
        "area": "customer_segments",
        "advice_low": (
            "Name the groups you serve: learners by role, managers, leaders, experts, "
            "partners. For the biggest one, find out how and when its people can actually "
            "learn."
        ),
        "advice_middle": (
            "You know your groups; deepen it. Write a short portrait of a typical person in "
            "each and walk through their experience of you from start to finish."
        ),
        "advice_high": (
            "You know whom you serve and how they experience you. Use it: design for the "
            "moments that matter most to each group."
        ),
        "statements": (
            (
                "We know which groups we serve and roughly how many people are in each.",
                "Make a simple list of groups by role, location and schedule, with a "
                "headcount next to each.",
            ),
            (
                "We understand how and when each group can learn, for example on a shift "
                "or between meetings.",
                "Spend a shift or a day with one group and note when and where learning "
                "could realistically happen.",
            ),
            (
                "People come back to what we offer without being told to.",
                "Separate required attendance from voluntary use in your figures; voluntary "
                "use is the honest signal.",
            ),
            (
                "We ask the groups we serve about their experience and act on what we hear.",
                "Ask five people from one group about their last experience with you, and "
                "fix one thing they mention.",
            ),
        ),
    },
    {
        "area": "service_delivery",
        "advice_low": (
            "Map who does what today, in-house and through partners. Look for work your "
            "team does that a partner or a tool could do better, and for gaps nobody covers."
        ),
        "advice_middle": (
            "The basics run. Check whether your team's skills match the work ahead, such as "
            "curating content and running communities, not only building courses."
        ),
        "advice_high": (
            "Delivery is in good shape. Keep partner agreements tied to results and review "
            "your tools each year so they keep you fast."
        ),
        "statements": (
            (
                "We have the right people with the right skills for the work ahead.",
                "List the skills your next year's work needs and mark which ones the team "
                "has; plan hiring, training or partners for the gaps.",
            ),
            (
                "We are clear about what we do ourselves and what partners do for us.",
                "Write down, for each kind of work, whether you build, buy or partner, and why.",
            ),
            (
                "Our tools help us work quickly instead of slowing us down.",
                "Ask the team which tool costs them the most time, and fix or replace it first.",
            ),
            (
                "Our partners are measured on results, not only on what they deliver.",
                "Add one result measure to each partner agreement at its next review.",
            ),
        ),
    },
    {
        "area": "strategy_governance",
        "advice_low": (
            "Find a senior sponsor and set up a short, regular conversation about "
            "priorities. Agree on three to five measures you will report on together."
        ),
        "advice_middle": (
            "You have a sponsor and some measures. Make them steer: bring the measures to "
            "every review and let them change what you work on."
        ),
        "advice_high": (
            "Learning is steered with the business. Keep the dashboard small and current, "
            "and retire measures that no longer lead to decisions."
        ),
        "statements": (
            (
                "Senior leaders help us set our priorities at least every quarter.",
                "Ask a senior leader to join a short quarterly review of your priorities.",
            ),
            (
                "A small set of measures tells us and our sponsors whether we are on track.",
                "Choose three to five measures, including at least one about usage, and "
                "report them the same way every month.",
            ),
            (
                "Our plans follow directly from the business's goals for the year.",
                "Put each of your big initiatives next to a business goal; question those "
                "that fit none.",
            ),
            (
                "The business regularly hears what we achieve, in its own language.",
                "Send a monthly one-page update with results the business already tracks, "
                "not course counts.",
            ),
        ),
    },
    {
        "area": "investment_return",
        "advice_low": (
            "Add up what learning really costs: payroll, vendors and platforms, plus the "
            "hidden time of experts, learners and managers. Then name one return you can "
            "already show."
        ),
        "advice_middle": (
            "You know most of your costs. Put cost and return side by side for your biggest "
            "offering, the way a finance director would ask for it."
        ),
        "advice_high": (
            "You can show what learning costs and returns. Keep the figures current and "
            "lead budget talks with them."
        ),
        "statements": (
            (
                "We know our total spend, including payroll, vendors and platforms.",
                "Gather this year's direct costs in one place: payroll, travel, vendors, "
                "content and platforms.",
            ),
            (
                "We count hidden costs too, such as experts' time and learners' time away "
                "from work.",
                "Estimate the hours experts and learners spend on your top three offerings "
                "and put a cost on them.",
            ),
            (
                "We can show what the business gets back: savings, productivity, less risk "
                "or revenue.",
                "Pick one offering and agree with its business owner how to show its return, "
                "even roughly.",
            ),
            (
                "We could present a business case to a finance director tomorrow.",
                "Draft a one-page business case for your biggest program: costs, costs "
                "avoided and return.",
            ),
        ),
    },
)
