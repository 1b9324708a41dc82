"""Whole records of a sentence for common ways news is written: not only
that a rule fires (the rule files' examples check that) but that no second,
wrong record comes with it.  The sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from tracker.extract import Extractor
from tracker.records import Record


@pytest.fixture(scope="module")
def extract(ruleset):
    def run(text: str) -> list[Record]:
        return Extractor(ruleset, None).extract("story.txt", text)
    return run


def of_kind(records: list[Record], kind: str) -> list[Record]:
    return [r for r in records if r.kind == kind]


def test_a_statement_from_a_body_names_one_speaker(extract):
    claims = of_kind(extract("According to a statement from the White House, the talks will resume on Monday."),
                     "claim")
    assert [(r.actor, r.content) for r in claims] == [("United States", "the talks will resume on Monday")]


def test_a_party_seeking_approval_is_the_target_and_the_verb_is_no_part_of_the_approver(extract):
    approvals = of_kind(extract("The brewer is seeking government approval for the sale of its hotels."), "approval")
    assert [(r.actor, r.target, r.content, r.modality) for r in approvals] == [
        ("government", "brewer", "the sale of its hotels", "pending")]


def test_what_an_offer_is_of_is_not_the_party_that_made_it(extract):
    approvals = of_kind(extract("The union accepted the company's offer of a 5 percent raise."), "approval")
    assert [(r.actor, r.target) for r in approvals] == [("union", "company")]


def test_a_denial_of_anothers_wrong_is_a_negated_claim_and_no_accusation(extract):
    records = extract("The minister denied that the government had broken the trade rules.")
    assert of_kind(records, "accusation") == []
    assert [(r.actor, r.modality) for r in of_kind(records, "claim")] == [("minister", "negated")]


def test_a_speaker_between_commas_keeps_both_parts_of_the_statement(extract):
    claims = of_kind(extract("The bridge, the mayor said, would take four years to build."), "claim")
    assert [(r.actor, r.content) for r in claims] == [("mayor", "The bridge would take four years to build")]


@pytest.mark.parametrize("verb", ["warned", "stressed", "noted", "insisted"])
def test_a_second_verb_of_speech_joins_the_statement_without_its_frame(extract, verb):
    claims = of_kind(extract(f"The union said the offer was too low and {verb} that a strike was likely."), "claim")
    assert [(r.actor, r.content) for r in claims] == [("union", "the offer was too low a strike was likely")]


def test_the_news_agency_told_is_the_listener_and_it_still_means_the_speaker(extract):
    claims = of_kind(extract("Acme Corp told Reuters it would appeal the ruling. It said the fine was too high."),
                     "claim")
    assert [(r.actor, r.target) for r in claims] == [("Acme Corp", "Reuters"), ("Acme Corp", None)]


@pytest.mark.parametrize("text, speaker", [
    ("Economists polled by Reuters said growth would slow.", "Economists"),
    ("Prices will fall, according to a dealer contacted by Reuters, who said supplies were ample.", "dealer"),
])
def test_whoever_asked_the_speakers_is_not_the_speaker(extract, text, speaker):
    assert [r.actor for r in of_kind(extract(text), "claim")] == [speaker]


def test_what_a_party_told_someone_it_would_do_is_its_commitment_to_no_one_in_particular(extract):
    records = extract("The carmaker told Reuters it would recall 20,000 trucks.")
    assert [(r.actor, r.target, r.content) for r in of_kind(records, "commitment")] == [
        ("carmaker", None, "recall 20,000 trucks")]
    assert [(r.actor, r.target) for r in of_kind(records, "claim")] == [("carmaker", "Reuters")]


def test_things_opening_a_sentence_before_a_preposition_are_no_speaker(extract):
    claims = of_kind(extract("Zenith Corp cut its forecast. Profits at the unit fell 5 percent, it said."), "claim")
    assert [r.actor for r in claims] == ["Zenith Corp"]


@pytest.mark.parametrize("text", [
    "The airline said Tuesday in a filing with regulators that it had lost 2 million passengers.",
    "The airline said on Tuesday in a filing that it had lost 2 million passengers.",
])
def test_a_day_before_where_it_was_said_is_no_part_of_the_statement(extract, text):
    claims = of_kind(extract(text), "claim")
    assert [(r.actor, r.content) for r in claims] == [("airline", "it had lost 2 million passengers")]


@pytest.mark.parametrize("text", [
    "The ministry's statement said the border would stay closed.",
    "The ministry's annual report said the border would stay closed.",
])
def test_a_statement_of_a_body_is_the_bodys_claim(extract, text):
    claims = of_kind(extract(text), "claim")
    assert [(r.actor, r.content) for r in claims] == [("ministry", "the border would stay closed")]


@pytest.mark.parametrize("text, content", [
    ("The coach said of the referee: “He cost us the game.”", "He cost us the game"),
    ("The coach said of the referee that he had cost them the game.", "he had cost them the game"),
])
def test_whom_a_statement_is_about_is_no_part_of_it(extract, text, content):
    assert [r.content for r in of_kind(extract(text), "claim")] == [content]


def test_saying_nothing_is_no_claim(extract):
    assert of_kind(extract("The chairman said nothing about the bid."), "claim") == []


def test_a_conjunction_before_according_to_is_no_statement(extract):
    claims = of_kind(extract("But, according to the survey, most renters expect to move."), "claim")
    assert [(r.actor, r.content) for r in claims] == [("survey", "most renters expect to move")]


@pytest.mark.parametrize("text, speaker", [
    ("The vote was rigged, the rights group said.", "rights group"),
    ("The vote was rigged, the human rights group said.", "human rights group"),
    ("The bonds will be priced on Friday, the securities firm said.", "securities firm"),
])
def test_a_plural_noun_before_the_head_is_part_of_the_speaker(extract, text, speaker):
    assert [r.actor for r in of_kind(extract(text), "claim")] == [speaker]


def test_a_description_before_a_bodys_name_is_that_body(extract):
    records = extract("The rights group Amnesty International accused the police of torture.")
    assert [(r.actor, r.target) for r in of_kind(records, "accusation")] == [("Amnesty International", "police")]
    offer = extract("The bank agreed to buy the discount brokerage firm Texas Brokerage Services Inc.")
    assert [r.target for r in of_kind(offer, "commitment")] == ["Texas Brokerage Services Inc"]


@pytest.mark.parametrize("text, listener, content", [
    ("The union leader told a news conference Acme Corp would close the plant.", None,
     "Acme Corp would close the plant"),
    ("The official told a House farm subcommittee USDA was drafting new rules.", "House farm subcommittee",
     "USDA was drafting new rules"),
])
def test_a_body_named_after_the_listener_is_what_was_said_not_the_listener(extract, text, listener, content):
    claims = of_kind(extract(text), "claim")
    assert [(r.target, r.content) for r in claims] == [(listener, content)]


def test_blame_put_on_a_thing_named_after_people_is_no_accusation(extract):
    assert of_kind(extract("Investigators blamed the crash on pilot error."), "accusation") == []
    blamed = of_kind(extract("Investigators blamed the crash on the airline."), "accusation")
    assert [(r.actor, r.target) for r in blamed] == [("Investigators", "airline")]


def test_the_owner_named_before_the_accusers_is_not_an_accuser(extract):
    records = of_kind(extract("The country's neighbours accused Ruritania of hoarding vaccines."), "accusation")
    assert [(r.actor, r.target) for r in records] == [("neighbours", "Ruritania")]


def test_what_awaits_an_approval_is_its_content(extract):
    records = of_kind(extract("The merger is pending approval from the competition authority."), "approval")
    assert [(r.actor, r.content, r.modality) for r in records] == [("competition authority", "The merger", "pending")]


def test_confirming_an_appointment_is_a_vote_and_no_statement(extract):
    records = extract("The Senate confirmed the appointment of the new ambassador.")
    assert [r.kind for r in records] == ["approval"]


@pytest.mark.parametrize("second", [
    "It said Beta had sales of 5 million dollars last year.",
    "It also said Beta had sales of 5 million dollars last year.",
    "Beta had sales of 5 million dollars last year, it said.",
])
def test_it_said_means_who_spoke_last_not_the_party_named_last(extract, second):
    records = extract(f"Acme Corp said it agreed to buy Beta Inc for 9 million dollars. {second}")
    assert [r.actor for r in of_kind(records, "claim")] == ["Acme Corp", "Acme Corp"]


@pytest.mark.parametrize("text, speaker", [
    ("Exports will rise, the China Daily said.", "China Daily"),
    ("Fares will rise, Japan Airlines said.", "Japan Airlines"),
    ("The New York Times said the plan was dead.", "New York Times"),
    ("First Chicago Corp said it would sell the unit.", "First Chicago Corp"),
])
def test_a_name_that_opens_with_a_country_or_a_common_word_is_whole(extract, text, speaker):
    assert [r.actor for r in of_kind(extract(text), "claim")] == [speaker]


def test_a_short_form_that_opens_with_a_common_word_is_the_company(extract):
    claims = of_kind(extract("First Union Corp said it would buy the bank. First Union said the deal would close."),
                     "claim")
    assert [r.actor for r in claims] == ["First Union Corp", "First Union Corp"]


def test_the_main_clause_before_saying_is_no_cue_of_what_was_said(extract):
    claims = of_kind(extract("The board rejected the bid, saying it undervalued the company."), "claim")
    assert [(r.actor, r.content, r.modality) for r in claims] == [("board", "it undervalued the company", "asserted")]


def test_a_rejection_in_the_passive_with_a_relative_clause_between(extract):
    records = extract("The offer, which valued the chain at 2 billion dollars, was rejected by its board.")
    assert [(r.actor, r.content, r.modality) for r in of_kind(records, "approval")] == [
        ("board", "The offer", "negated")]


def test_an_act_weighed_is_a_hedged_commitment_and_an_offer_weighed_awaits_approval(extract):
    weighed = of_kind(extract("The government is weighing a ban on imports of used cars."), "commitment")
    assert [(r.actor, r.content, r.modality) for r in weighed] == [
        ("government", "a ban on imports of used cars", "hedged")]
    assert of_kind(extract("Investors are weighing the risks of a default."), "commitment") == []
    offer = extract("The board is considering the offer from Acme.")  # Acme's offer is Acme's commitment
    assert [(r.kind, r.modality) for r in offer if r.actor == "board"] == [("approval", "pending")]


def test_an_unnamed_representative_counts_as_the_body_represented(extract):
    records = of_kind(extract("The U.S. trade representative accused Japan of dumping chips."), "accusation")
    assert [(r.actor, r.target) for r in records] == [("United States", "Japan")]


def test_two_parties_joined_by_and_reach_a_deal_with_each_other(extract):
    commitments = of_kind(extract("The union and the employer reached a tentative agreement on Monday."),
                          "commitment")
    assert sorted((r.actor, r.target) for r in commitments) == [("employer", "union"), ("union", "employer")]


def test_two_titles_joined_by_and_are_one_person_and_no_pair_of_parties(extract):
    claims = of_kind(extract("Acme Corp chairman and chief executive officer John Smith said the deal would close "
                             "in March."), "claim")
    assert [r.actor for r in claims] == ["John Smith"]


def test_the_rest_of_a_class_joined_by_and_is_no_party_of_its_own(extract):
    approvals = of_kind(extract("Acme Corp said it asked bondholders and other investors to approve the "
                                "recapitalization."), "approval")
    assert [r.actor for r in approvals] == ["bondholders"]


def test_a_fund_or_a_unit_named_in_the_singular_is_a_party(extract):
    claims = of_kind(extract("The hedge fund said it would vote against the merger. Its European unit said it "
                             "would cut 200 jobs."), "claim")
    assert [r.actor for r in claims] == ["hedge fund", "European unit"]
    accusations = of_kind(extract("Investors sued the pension fund for breach of duty."), "accusation")
    assert [(r.actor, r.target) for r in accusations] == [("Investors", "pension fund")]


def test_criticism_of_a_decision_or_a_report_is_no_accusation(extract):
    records = extract("The union condemned the decision to close the plant. The minister denounced the report as "
                      "biased.")
    assert of_kind(records, "accusation") == []


def test_a_party_described_before_its_name_is_joined_to_the_other_party(extract):
    commitments = of_kind(extract("The White House and congressional Democrats reached a deal on the budget."),
                          "commitment")
    assert sorted((r.actor, r.target) for r in commitments) == [("Democrats", "United States"),
                                                                ("United States", "Democrats")]


def test_a_title_joined_to_a_titled_name_is_one_person(extract):
    claims = of_kind(extract("Acme's corporate vice president and treasurer John Smith said Acme would repay the "
                             "notes in cash."), "claim")
    assert [r.actor for r in claims] == ["John Smith"]


@pytest.mark.parametrize("text, kind, actor", [
    ("Shareholders at the annual meeting approved a change of the company's name.", "approval", "Shareholders"),
    ("The merger is subject to approval by stockholders at a special meeting in June.", "approval", "stockholders"),
    ("“We will not sell,” one delegate at the conference said.", "claim", "delegate"),
])
def test_the_meeting_where_people_act_is_no_part_of_who_they_are(extract, text, kind, actor):
    assert [r.actor for r in of_kind(extract(text), kind)] == [actor]


def test_holders_of_a_class_of_shares_are_approvers(extract):
    approvals = of_kind(extract("The recapitalization must be approved by lenders, common holders and preferred "
                                "holders."), "approval")
    assert sorted(r.actor for r in approvals) == ["common holders", "lenders", "preferred holders"]


@pytest.mark.parametrize("text, content", [
    ("The brewer said its board declared a two-for-one stock split, subject to shareholder approval.",
     "a two-for-one stock split"),
    ("The insurer agreed to a merger with a rival, pending regulatory approval.", "a merger with a rival"),
    ("The two utilities announced a merger of their gas businesses, subject to approval by shareholders of both "
     "companies.", "a merger of their gas businesses"),
])
def test_a_condition_after_a_comma_names_the_deal_before_it(extract, text, content):
    pending = [r for r in of_kind(extract(text), "approval") if r.modality == "pending"]
    assert [r.content for r in pending] == [content]


def test_a_condition_after_a_time_or_a_price_names_no_deal(extract):
    """"will begin Thursday, subject to ...": the words before the comma are no deal, and none is made up."""
    pending = [r for r in of_kind(extract("The offer will begin Thursday, subject to clearance from the "
                                          "Interstate Commerce Commission."), "approval") if r.modality == "pending"]
    assert [(r.actor, r.content) for r in pending] == [("Interstate Commerce Commission", "")]


@pytest.mark.parametrize("text, target", [
    ("Washington will impose duties on Japanese electronics imports next month.", "Japan"),
    ("The European Community agreed to lift its sanctions against South Africa by June.", "South Africa"),
    ("Ottawa said it would keep a tariff on U.S. corn shipments.", "United States"),
    ("The bank plans to file a suit against Texaco Inc in state court.", "Texaco Inc"),
])
def test_the_party_a_penalty_falls_on_is_the_target_of_the_commitment(extract, text, target):
    assert [r.target for r in of_kind(extract(text), "commitment")] == [target]


@pytest.mark.parametrize("text", [
    "The Treasury will publish data on U.S. reserve assets every month.",   # the actor's own country
    "The minister said he would insist on Canada's banks lending more.",    # the banks, not Canada, are meant
    "The exchange will open a second trading room on the London market.",   # a place
    "The utility will convert the loan from Australian dollars next year.",  # a currency, not a party
])
def test_a_country_named_as_place_owner_or_currency_is_no_target(extract, text):
    assert [r.target for r in of_kind(extract(text), "commitment")] == [None]


@pytest.mark.parametrize("text, speaker", [
    ("In a statement, Mary Jones, the bank's chairman, said “we are pleased with the result.”", "Mary Jones"),
    ("In its annual report, the brewer said capital spending would rise.", "brewer"),
    ("The brewer in its annual report said capital spending would rise.", "brewer"),
])
def test_the_document_a_statement_was_made_in_is_not_its_speaker(extract, text, speaker):
    assert [r.actor for r in of_kind(extract(text), "claim")] == [speaker]


@pytest.mark.parametrize("text, modality", [
    ("The company denied that it planned to sell the division.", "negated"),
    ("The bank denied on Monday that it planned to close branches.", "negated"),
    ("The minister said that the government planned to raise taxes.", "hedged"),
])
def test_a_denial_governing_a_that_clause_negates_the_act_in_it(extract, text, modality):
    assert [r.modality for r in of_kind(extract(text), "commitment")] == [modality]
