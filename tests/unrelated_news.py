"""Short news sentences about unrelated subjects: the background a guided-theme test places its cases among."""

UNRELATED_NEWS = [
    "The Taliban fighters patrolled the streets of the provincial capital after the police left.",
    "Farmers harvested wheat early this year because of the drought.",
    "The central bank cut interest rates again, citing the slowing world economy.",
    "The football club signed a new striker for a record fee on the last day of the window.",
    "Heavy snow closed the mountain pass for a week and trucks waited at the border.",
    "The museum reopened with an exhibition of ancient coins and pottery.",
    "Hospitals ran short of oxygen as the third wave of the virus spread.",
]
