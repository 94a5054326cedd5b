"""The demo plan: Voltline Motors, an electric-car dealership group, planning 2027.

Built from the seed articles on alignment: C-suite key results come mostly from vice
presidents' objectives aligned up; team members' objectives are mostly delegated down; the
middle layers mix both. It includes the articles' own bottom-up examples (a service
technician's mobile-servicing pilot, and a social media editor's video-platform launch with
placeholder targets that the quality checks flag on purpose), two skip-level alignments, a
contributes-to link in the spirit of the team physical therapist, and one orphan objective.
Everything goes through the operations, so the plan is valid by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from okrdesk import ops
from okrdesk.interchange.placing import write_plan_file
from okrdesk.storage import Plan
from okrdesk.storage.history import compact_history

PLAN_NAME = "Voltline Motors 2027"
YEAR = "2027"


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    role: str
    level: int
    function: str | None
    manager: str | None = None
    kind: str = "person"


@dataclass(frozen=True)
class KR:
    key: str
    title: str
    start: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str = ""
    kind: str = "increase"
    confidence: float | None = None


@dataclass(frozen=True)
class Obj:
    """One objective. `up`: aligned up as a new key result of that objective; `under`:
    aligned under that existing key result ("objective.kr"); `down`: delegated from that key
    result, whose copy becomes this objective's first key result, "<key>.copy"."""

    key: str
    owner: str
    title: str
    krs: tuple[KR, ...] = ()
    up: str | None = None
    under: str | None = None
    down: str | None = None
    cycle: str = YEAR
    commitment: str = "committed"
    status: str | None = None
    description: str = ""
    visibility: str = "published"


def done(key: str, title: str, finished: bool = True) -> KR:
    return KR(key, title, 0, 1, 1 if finished else 0, kind="milestone")


FUNCTIONS = ("Sales", "Service", "Marketing", "Finance", "Engineering", "People")

PEOPLE = (
    Person("ceo", "Maya Okafor", "Chief Executive Officer", 0, None),
    Person("coo", "Daniel Brandt", "Chief Operating Officer", 0, "Service", "ceo"),
    Person("cmo", "Priya Raman", "Chief Marketing Officer", 0, "Marketing", "ceo"),
    Person("cfo", "Tomás Ferreira", "Chief Financial Officer", 0, "Finance", "ceo"),
    Person("cto", "Lena Vogel", "Chief Technology Officer", 0, "Engineering", "ceo"),
    Person("cpo", "Grace Mensah", "Chief People Officer", 0, "People", "ceo"),
    Person("jonas", "Jonas Berg", "VP Sales", 1, "Sales", "ceo"),
    Person("aisha", "Aisha Khan", "VP Service", 1, "Service", "coo"),
    Person("marco", "Marco Rossi", "VP Marketing", 1, "Marketing", "cmo"),
    Person("hannah", "Hannah Lee", "VP Finance", 1, "Finance", "cfo"),
    Person("kwame", "Kwame Asante", "VP Engineering", 1, "Engineering", "cto"),
    Person("sofia", "Sofia Nilsson", "VP People", 1, "People", "cpo"),
    Person("olivia", "Olivia Chen", "Director of Sales, North", 2, "Sales", "jonas"),
    Person("ravi", "Ravi Patel", "Director of Service Operations", 2, "Service", "aisha"),
    Person("emma", "Emma Dubois", "Director of Content", 2, "Marketing", "marco"),
    Person("lukas", "Lukas Novak", "Director of Digital Products", 2, "Engineering", "kwame"),
    Person("nora", "Nora Haddad", "Director of Financial Planning", 2, "Finance", "hannah"),
    Person("ben", "Ben Carter", "Director of Talent", 2, "People", "sofia"),
    Person("chloe", "Chloe Martin", "Showroom Manager, Downtown", 3, "Sales", "olivia"),
    Person("yusuf", "Yusuf Demir", "Service Manager, Eastside", 3, "Service", "ravi"),
    Person("ines", "Inês Costa", "Social Media Manager", 3, "Marketing", "emma"),
    Person("pavel", "Pavel Horák", "Engineering Manager, Service App", 3, "Engineering",
           "lukas"),
    Person("mei", "Mei Tanaka", "Accounting Manager", 3, "Finance", "nora"),
    Person("sam", "Sam Whitaker", "Recruiting Manager", 3, "People", "ben"),
    Person("leo", "Leo Schmidt", "Sales Advisor", 4, "Sales", "chloe"),
    Person("ana", "Ana Silva", "Sales Advisor", 4, "Sales", "chloe"),
    Person("diego", "Diego Alvarez", "Service Technician", 4, "Service", "yusuf"),
    Person("fatima", "Fatima Zahra", "Service Advisor", 4, "Service", "yusuf"),
    Person("crew", "Eastside Charger Crew", "Home charger installation team", 4, "Service",
           "yusuf", kind="team"),
    Person("jordan", "Jordan Blake", "Social Media Editor", 4, "Marketing", "ines"),
    Person("noor", "Noor Aziz", "Video Producer", 4, "Marketing", "ines"),
    Person("elena", "Elena Petrova", "Mobile Developer", 4, "Engineering", "pavel"),
    Person("tom", "Tom Hughes", "Accountant", 4, "Finance", "mei"),
    Person("zoe", "Zoe Adams", "Recruiter", 4, "People", "sam"),
    Person("hana", "Hana Sato", "Workplace Wellbeing Specialist", 4, "People", "sam"),
)

OBJECTIVES = (
    # C-suite: a few own key results each; most key results arrive as objectives aligned up.
    Obj("c1", "ceo", "Become the leading electric car dealership in the region",
        (KR("share", "Grow our regional EV market share", 9, 18, 9, "%"),),
        description="The first place anyone in the region thinks of to buy, charge and "
                    "service an electric car."),
    Obj("c2", "cpo", "Build a company people are proud to work for",
        (KR("enps", "Raise employee NPS", 12, 40, 21, "points", confidence=0.5),)),
    Obj("c3", "coo", "Make every service visit effortless",
        (KR("ftf", "Raise first-time fix rate", 78, 92, 86, "%"),)),
    Obj("c4", "cmo", "Run our content studio like a top-tier media company",
        (KR("audience", "Grow our monthly audience", 40000, 150000, 64000, "people"),),
        commitment="aspirational"),
    Obj("c5", "cfo", "Fund our growth without new debt",
        (KR("margin", "Raise gross margin per vehicle", 7, 10, 8.2, "%"),)),
    Obj("c7", "cto", "Run on dependable, simple systems",
        (KR("downtime", "Keep unplanned downtime below 4 hours a month", None, 4, 4, "hours",
            kind="stay_below"),)),
    Obj("b1", "coo", "Explore a battery-recycling partnership",
        (KR("partners", "Shortlist recycling partners", 0, 2, 0),), cycle="Backlog",
        commitment="aspirational", visibility="draft"),
    # Vice presidents: mostly own objectives aligned up, some delegated from the C-suite.
    Obj("v_sales1", "jonas", "Double EV sales across our showrooms",
        (KR("sold", "EVs sold per quarter", 420, 840, 420, "EVs"),), up="c1",
        status="on_track"),
    Obj("v_sales2", "jonas", "Launch a certified pre-owned EV programme",
        (KR("cpo", "Certified pre-owned EVs sold", 0, 500, 140, "EVs"),
         done("cert", "Battery health certificate on every used EV")),
        up="c1", commitment="aspirational"),
    Obj("v_service1", "aisha", "Deliver the best EV service experience in the region",
        (KR("csat", "Service satisfaction score", 4.1, 4.7, 4.5, "/5"),), up="c1"),
    Obj("v_service2", "aisha", "Raise our first-time fix rate to 92%",
        (KR("tablets", "Workshop bays with EV diagnostic tablets", 0, 16, 16, "bays"),),
        down="c3.ftf"),
    Obj("v_mkt1", "marco", "Make Voltline the first name people think of for EVs",
        (KR("recall", "Unaided brand recall in the region", 14, 30, 18, "%"),
         KR("voice", "Share of voice in local EV conversations", 10, 25, 12, "%")),
        up="c1", status="at_risk"),
    Obj("v_mkt2", "marco", "Publish content people seek out",
        (KR("returning", "Returning visitors", 22, 40, 31, "%"),), up="c4"),
    Obj("v_mkt3", "marco", "Grow our monthly audience to 150,000",
        (KR("news", "Newsletter subscribers", 8000, 30000, 12500),), down="c4.audience"),
    Obj("v_fin1", "hannah", "Lift gross margin per vehicle to 10%",
        (KR("discount", "Average discount per vehicle", 2400, 1500, 2050, "EUR",
            kind="decrease"),), down="c5.margin"),
    Obj("v_fin2", "hannah", "Close the books in five working days",
        (KR("days", "Working days to close the month", 12, 5, 12, "days", kind="decrease"),),
        up="c5"),
    Obj("v_eng1", "kwame", "Give customers a service app they love",
        (KR("rating", "App store rating", 3.2, 4.6, 4.1, "stars"),), up="c3"),
    Obj("v_eng2", "kwame", "Retire the legacy dealer management system",
        (KR("branches", "Branches moved to the new system", 0, 12, 5, "branches"),
         done("off", "Old system switched off", finished=False)),
        up="c7", status="at_risk"),
    Obj("v_people1", "sofia", "Hire and keep great technicians",
        (KR("attrition", "Technician attrition", 24, 12, 24, "%", kind="decrease"),
         KR("filled", "Open technician roles filled", 0, 30, 14, "roles")), up="c2"),
    Obj("v_people2", "sofia", "Make every manager a coach",
        (KR("coached", "Managers trained in coaching", 0, 60, 9, "managers"),),
        up="c2", status="off_track"),
    # Directors.
    Obj("d_sales1", "olivia", "Turn more test drives into sales in the North region",
        (KR("conv", "Test drive to sale conversion", 18, 30, 24, "%"),
         KR("home", "Home test drives booked", 0, 600, 260)), up="v_sales1"),
    Obj("d_sales2", "olivia", "Carry our share of EV sales in the North region",
        (KR("north", "EVs sold per quarter in the North", 200, 420, 300, "EVs"),),
        down="v_sales1.sold"),
    Obj("d_sales_q1", "olivia", "Run spring test-drive weekends across the North",
        (KR("weekends", "Test-drive weekends held", 0, 6, 6),
         KR("booked", "Test drives booked", 0, 500, 520)), up="v_sales1", cycle="2027-Q1"),
    Obj("d_service1", "ravi", "Bring service to our customers' doors",
        (KR("home", "Customers served at home", 0, 400, 150, "customers"),),
        up="v_service1"),
    Obj("d_service2", "ravi", "Equip every bay for fast EV diagnostics",
        (KR("trained", "Technicians certified on the tablets", 0, 40, 22),),
        down="v_service2.tablets"),
    Obj("d_content1", "emma", "Build a weekly EV show our customers share",
        (KR("episodes", "Episodes published", 0, 40, 0),
         KR("views", "Average views per episode", 2000, 10000, 5200, "views")), up="v_mkt2"),
    Obj("d_content_q1", "emma", "Pilot the EV show with three episodes",
        (KR("pilot", "Pilot episodes published", 0, 3, 3),
         KR("watched", "Viewers who watch to the end", 0, 40, 22, "%")),
        up="v_mkt2", cycle="2027-Q1"),
    Obj("d_eng1", "lukas", "Ship online service booking",
        (done("live", "Online booking live in every workshop"),
         KR("online", "Service visits booked online", 0, 60, 38, "%")), up="v_eng1"),
    Obj("d_fin1", "nora", "Price every deal with live margin data",
        (KR("priced", "Deals priced with the margin tool", 0, 100, 72, "%"),), up="v_fin1"),
    Obj("d_people1", "ben", "Cut technician attrition to 12%",
        (KR("stay", "Stay interviews held", 0, 80, 50, "interviews"),
         KR("path", "Technicians with a written career path", 10, 100, 35, "%")),
        down="v_people1.attrition"),
    # Managers: a mix of delegated and own objectives.
    Obj("m_sales1", "chloe", "Convert 30% of test drives at Downtown",
        (KR("follow", "Test drives followed up within 24 hours", 50, 95, 82, "%"),
         KR("homemo", "Home test drives a month", 0, 40, 27)), down="d_sales1.conv"),
    Obj("m_sales2", "chloe", "Open a pop-up showroom at Riverside Mall",
        (done("popup", "Pop-up open every weekend"),
         KR("leads", "Leads from the pop-up", 0, 300, 90, "leads")),
        under="d_sales1.home", commitment="aspirational"),
    Obj("m_service1", "yusuf", "Serve 400 customers at home from Eastside",
        (KR("vans", "Mobile service vans on the road", 0, 3, 2, "vans"),
         KR("chargers", "Home chargers installed", 0, 250, 110, "chargers")),
        down="d_service1.home"),
    Obj("m_service2", "yusuf", "Cut waiting time at the Eastside workshop",
        (KR("wait", "Average wait at the counter", 25, 10, 14, "minutes", kind="decrease"),
         KR("loaners", "Customers offered a loaner EV", 30, 90, 85, "%")), up="d_service2"),
    Obj("m_service_q2", "yusuf", "Fit out two vans for the mobile servicing pilot",
        (done("fitted", "Two vans fitted and insured"),), up="d_service1", cycle="2027-Q2"),
    Obj("m_social1", "ines", "Get every episode to 10,000 views",
        (KR("clips", "Social clips cut per episode", 0, 5, 4, "clips"),
         KR("social", "Share of views from social media", 20, 50, 28, "%")),
        down="d_content1.views"),
    Obj("m_eng1", "pavel", "Make booking a service online take two minutes",
        (KR("time", "Median time to book", 9, 2, 9, "minutes", kind="decrease"),
         KR("crash", "Crash-free sessions", None, 99.5, 99.7, "%", kind="stay_above")),
        down="d_eng1.online"),
    Obj("m_fin1", "mei", "Roll the margin tool out to every showroom",
        (KR("showrooms", "Showrooms using the tool", 0, 8, 6, "showrooms"),),
        down="d_fin1.priced"),
    Obj("m_fin2", "mei", "Move expense reporting to the new tool",
        (KR("filed", "Expense reports filed in the new tool", 0, 100, 40, "%"),)),
    Obj("m_people1", "sam", "Hold a stay interview with every technician",
        (KR("actions", "Follow-up actions closed", 0, 100, 30, "%"),), down="d_people1.stay"),
    # Team members: mostly delegated; three own objectives, two of them the seeds' examples.
    Obj("t_leo", "leo", "Follow up every test drive within a day",
        (KR("calls", "Callbacks logged in the CRM", 0, 300, 240, "calls"),),
        down="m_sales1.follow"),
    Obj("t_ana", "ana", "Bring test drives to customers' homes",
        (KR("reviews", "Five-star reviews from home test drives", 0, 50, 21, "reviews"),),
        down="m_sales1.homemo"),
    Obj("t_diego", "diego", "Run a month-long mobile servicing pilot",
        (KR("served", "Provide mobile servicing for 50 customers", 0, 50, 0, "customers"),
         KR("survey", "Survey all customers in the pilot", 0, 100, 68, "%"),
         done("present", "Present plan to expand mobile servicing operations", False)),
        up="d_service1", description="Other dealerships in the country are starting to offer "
                                     "mobile servicing; let's see if our customers want it."),
    Obj("t_fatima", "fatima", "Get every customer from the counter to the lounge in ten minutes",
        (KR("app", "Customers checked in on the app", 0, 60, 35, "%"),), down="m_service2.wait"),
    Obj("t_crew", "crew", "Install 250 home chargers",
        (KR("inspect", "Installs passing first inspection", None, 95, 97, "%",
            kind="stay_above"),), down="m_service1.chargers"),
    Obj("t_jordan", "jordan", "Flawlessly launch new video platform",
        (KR("engage", "x average engagement/post."), KR("reach", "x average reach/post."),
         KR("followers", "x new followers by end of the month."),
         KR("traffic", "x% of company traffic comes from new platform.", unit="%")),
        up="c4", description="The new video platform brings double the web traffic of our "
                             "other campaigns."),
    Obj("t_noor", "noor", "Cut five social clips from every episode",
        (KR("fast", "Clips published within 48 hours", 0, 100, 75, "%"),),
        down="m_social1.clips"),
    Obj("t_elena", "elena", "Cut the booking flow to two minutes",
        (KR("screens", "Screens in the booking flow", 9, 3, 5, "screens", kind="decrease"),),
        down="m_eng1.time"),
    Obj("t_tom", "tom", "Train every showroom on the margin tool",
        (KR("trained", "Sales advisors trained", 0, 48, 40, "advisors"),),
        down="m_fin1.showrooms"),
    Obj("t_zoe", "zoe", "Run stay interviews with all 80 technicians",
        (KR("writeups", "Write-ups shared within a week", 0, 100, 90, "%"),),
        down="m_people1.copy"),
    Obj("t_hana", "hana", "Bring an ergonomics programme to our workshops",
        (KR("bays", "Workshop bays assessed for ergonomics", 0, 16, 9, "bays"),
         KR("sessions", "Technicians through back-care sessions", 0, 40, 12, "technicians"),
         KR("share", "Share what we learn at the all-hands", kind="milestone"))),
)

# (key result, [(date, value, confidence, note), ...]); the last value is the current one.
CHECK_INS: tuple[tuple[str, tuple[tuple[str, float | None, float | None, str], ...]], ...] = (
    ("c1.share", (("2027-03-31", 10.5, 0.6, "Spring campaign lifted showroom traffic."),
                  ("2027-06-30", 12.0, 0.65, ""),
                  ("2027-09-30", 13.0, 0.6, "Two new rivals opened in the north."))),
    ("v_sales1.sold", (("2027-03-31", 480, 0.7, ""), ("2027-06-30", 560, 0.7, ""),
                       ("2027-09-30", 610, 0.65, "Supply of the compact model is tight."))),
    ("v_fin2.days", (("2027-03-31", 10, 0.6, ""), ("2027-06-30", 8, 0.7, ""),
                     ("2027-09-30", 7, 0.75, "Automated bank reconciliation is live."))),
    ("v_people1.attrition", (("2027-03-31", 22, 0.5, ""), ("2027-06-30", 20, 0.55, ""),
                             ("2027-09-30", 19, 0.5, "Two senior technicians left for a "
                                                     "rival."))),
    ("d_content1.episodes", (("2027-03-31", 10, 0.8, ""), ("2027-06-30", 20, 0.8, ""),
                             ("2027-09-30", 31, 0.85, ""))),
    ("m_eng1.time", (("2027-04-15", 7, 0.5, ""), ("2027-07-15", 5, 0.6, ""),
                     ("2027-09-15", 4, 0.7, "Saved payment details cut two screens."))),
    ("c7.downtime", (("2027-03-31", 3.5, 0.7, ""), ("2027-06-30", 2.0, 0.8, ""),
                     ("2027-09-30", 2.5, 0.8, ""))),
    ("t_diego.served", (("2027-05-07", 8, 0.7, "First week: eight home visits."),
                        ("2027-05-14", 19, 0.75, ""),
                        ("2027-05-21", 34, 0.8, "Customers love it; the vans are booked "
                                                "solid."))),
    ("t_jordan.engage", (("2027-05-03", None, 0.5, "Account verified; numbers to follow."),)),
)

CONTRIBUTION = ("t_hana", "c3", "Fewer strains and injuries keep our technicians in the bays.")


def build_demo(path: Path | str, *, overwrite: bool = False) -> Path:
    """Write the demo plan to `path` (refusing an existing file unless `overwrite`)."""
    return write_plan_file(Path(path), _build, overwrite=overwrite)


def _build(path: Path) -> None:
    plan = ops.new_plan(path, name=PLAN_NAME, year=int(YEAR))
    try:
        _Builder(plan).run()
        compact_history(plan, keep=0)  # building the demo is nobody's work to look back on
    finally:
        plan.close()


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        with plan.read() as connection:
            self.levels = [row.id for row in connection.exec_driver_sql(
                "SELECT id FROM levels ORDER BY rank")]
            self.cycles: dict[str, str] = {
                name: row_id for name, row_id in connection.exec_driver_sql(
                    "SELECT name, id FROM cycles")}
        self.units: dict[str, str] = {}
        self.objectives: dict[str, str] = {}
        self.krs: dict[str, str] = {}

    def run(self) -> None:
        functions = {name: ops.add_function(self.plan, name).new_id("functions")
                     for name in FUNCTIONS}
        for person in PEOPLE:
            self.units[person.key] = ops.add_unit(
                self.plan, person.name, self.levels[person.level],
                function_id=functions[person.function] if person.function else None,
                manager_id=self.units[person.manager] if person.manager else None,
                kind=person.kind, role=person.role,
            ).new_id("units")
        for objective in OBJECTIVES:
            self._objective(objective)
        for kr_ref, history in CHECK_INS:
            for day, value, confidence, note in history:
                ops.record_check_in(self.plan, self.krs[kr_ref], value=value,
                                    confidence=confidence, note=note,
                                    at=f"{day}T17:00:00+00:00",
                                    today=date.fromisoformat(day))  # as if made that day
        source, target, note = CONTRIBUTION
        ops.add_contribution(self.plan, self.objectives[source], self.objectives[target], note)

    def _objective(self, spec: Obj) -> None:
        owner, cycle = self.units[spec.owner], self.cycles[spec.cycle]
        if spec.down is not None:
            changes = ops.delegate_down(self.plan, self.krs[spec.down], owner,
                                        title=spec.title, cycle_id=cycle)
            objective_id = changes.new_id("objectives")
            self.krs[f"{spec.key}.copy"] = changes.new_id("key_results")
            if spec.status or spec.description or spec.commitment != "committed":
                ops.edit_objective(self.plan, objective_id, status=spec.status,
                                   description=spec.description, commitment=spec.commitment)
        else:
            objective_id = ops.create_objective(
                self.plan, owner, cycle, spec.title, description=spec.description,
                commitment=spec.commitment, visibility=spec.visibility, status=spec.status,
            ).new_id("objectives")
        self.objectives[spec.key] = objective_id
        tracked = {ref for ref, _ in CHECK_INS}
        for kr in spec.krs:
            current = kr.start if f"{spec.key}.{kr.key}" in tracked else kr.current
            self.krs[f"{spec.key}.{kr.key}"] = ops.add_key_result(
                self.plan, objective_id, kr.title, kind=kr.kind, unit=kr.unit,
                start_value=kr.start, target_value=kr.target, current_value=current,
                confidence=kr.confidence,
            ).new_id("key_results")
        if spec.up is not None:
            ops.align_up(self.plan, objective_id, self.objectives[spec.up])
        elif spec.under is not None:
            parent_kr = self.krs[spec.under]
            parent = spec.under.split(".")[0]
            ops.align_up(self.plan, objective_id, self.objectives[parent], under_kr_id=parent_kr)
