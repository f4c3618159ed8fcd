"""The coach's replies with a scripted model: citations, repetition, budget, memory, follow-ups, safety."""

from __future__ import annotations

import pytest

from coach.answer import Answer, Coach, drain
from coach.citations import cited_numbers
from coach.llm import FakeModel
from coach.prompt import prompt_text

CONFLICT = "how do we handle unresolved conflict"


@pytest.fixture(scope="module")
def gate(indexed_settings, embedder):
    from coach.safety import SafetyGate

    return SafetyGate(indexed_settings, embedder=embedder)


@pytest.fixture
def make_coach(indexed_settings, retriever, gate):
    def build(*replies: str, window: int = 4096, **overrides) -> tuple[Coach, FakeModel]:
        model = FakeModel(replies=list(replies), context_window=window)
        settings = indexed_settings.model_copy(update=overrides)
        return Coach(settings, retriever, model, gate), model

    return build


def test_valid_citations_are_kept_and_invalid_numbers_removed(make_coach):
    coach, _ = make_coach("Talk about it openly [1]. Listen without blame [9]. Work on it together [1, 7].")
    answer = coach.ask(CONFLICT)
    assert "[9]" not in answer.text and "7]" not in answer.text
    assert "Talk about it openly [1]." in answer.text
    assert answer.model_cited
    assert [c.n for c in answer.citations] == [1]
    assert answer.citations[0].section == "7. Address Unresolved Conflicts"
    assert set(cited_numbers(answer.text)) <= {c.n for c in answer.citations}


def test_citations_follow_the_order_of_citation(make_coach):
    coach, _ = make_coach("Find the root of it [2]. Then talk it through [1].")
    answer = coach.ask(CONFLICT)
    assert [c.n for c in answer.citations] == [2, 1]


def test_reply_without_citations_still_shows_the_passages_given(make_coach):
    coach, model = make_coach("Try to talk about it calmly together.")
    answer = coach.ask(CONFLICT)
    assert not answer.model_cited
    passages_given = model.prompts[0][-1].content.count("\n[")
    assert passages_given >= 3
    assert [c.n for c in answer.citations] == list(range(1, passages_given + 1))
    assert answer.citations[0].section == "7. Address Unresolved Conflicts"


def test_repeated_sentences_and_run_ons_are_cut(make_coach):
    looping = (
        "Talk openly with your partner [1]. " * 5 + "and listen and listen and listen and listen and listen"
    )
    coach, _ = make_coach(looping)
    answer = coach.ask(CONFLICT)
    assert answer.text.count("Talk openly") == 1


def test_reply_stops_at_the_last_complete_sentence(make_coach):
    coach, _ = make_coach("Approach it with a mindset of resolution [1]. Then you could also try to")
    assert coach.ask(CONFLICT).text == "Approach it with a mindset of resolution [1]."


def test_echoed_passage_headers_become_citations(make_coach):
    coach, _ = make_coach("[1] How to Rebuild — 7. Address Unresolved Conflicts: Discuss issues openly.")
    answer = coach.ask(CONFLICT)
    assert answer.text == "Discuss issues openly. [1]"


def test_prompt_numbers_passages_with_title_and_section_after_a_fixed_system_text(make_coach):
    coach, model = make_coach("One [1].", "Two [1].")
    conversation = coach.new_conversation()
    drain(coach.stream_reply(conversation, CONFLICT))
    drain(coach.stream_reply(conversation, "what daily rituals help couples bond"))
    first, second = model.prompts
    assert first[0].role == "system" and first[0] == second[0]
    assert first[0].content == prompt_text("system")
    turn = first[-1].content
    assert (
        "[1] How to Rebuild Emotional Connection With Your Partner — 7. Address Unresolved Conflicts:" in turn
    )
    assert "[2] " in turn
    assert second[1].content == turn, "the earlier turn is remembered exactly as the model saw it"


def test_not_covered_request_gets_no_model_call_and_no_citations(make_coach):
    coach, model = make_coach()
    for question in ("write a python function that sorts a list", "what is the capital of australia"):
        answer = coach.ask(question)
        assert answer.kind == "not_covered"
        assert answer.citations == ()
        assert "don't cover" in answer.text
        assert "daily rituals that strengthen your bond" in answer.text.lower(), (
            "it names what the articles cover"
        )
    assert model.prompts == []


@pytest.mark.parametrize("message", ["", "   ", "\n\t", "\x00\x01"])
def test_empty_message_is_a_friendly_prompt_without_a_model_call(make_coach, message):
    coach, model = make_coach()
    answer = coach.ask(message)
    assert answer.kind == "empty" and answer.text == prompt_text("empty")
    assert model.prompts == []


def test_huge_message_is_truncated_with_a_note(make_coach):
    coach, model = make_coach("Talk it through [1].")
    answer = coach.ask(CONFLICT + " " + "please help " * 10_000)
    assert any("first 2000 characters" in n for n in answer.notes)
    assert answer.kind == "grounded"
    assert sum(model.count_tokens(m.content) for m in model.prompts[0]) < 4096


def test_control_characters_and_lone_surrogates_are_stripped(make_coach):
    coach, model = make_coach("Talk it through [1].")
    coach.ask("how do we handle \x1b\x07unresolved\ud800 conflict")
    assert "how do we handle unresolved conflict" in model.prompts[0][-1].content


def test_fifty_turns_never_overflow_a_small_context(make_coach):
    coach, model = make_coach(
        *["Keep talking openly and kindly [1]. " * 8] * 50, window=1024, max_answer_tokens=120
    )
    conversation = coach.new_conversation()
    questions = [
        CONFLICT,
        "how can we spend more quality time",
        "I try to listen to my partner, but I keep interrupting and thinking about my reply. " * 8,
    ]
    for turn in range(50):
        answer = drain(coach.stream_reply(conversation, questions[turn % 3]))
        assert answer.kind == "grounded"
        used = sum(model.count_tokens(m.content) + 8 for m in model.prompts[-1])
        assert used <= 1024 - 120, f"turn {turn}: prompt of {used} tokens overflows"
    assert len(model.prompts[-1]) >= 2


def test_follow_ups_are_searched_with_the_conversation(make_coach):
    coach, _ = make_coach("Talk about what hurts [1]. Find the root [2].")
    conversation = coach.new_conversation()
    answer = drain(coach.stream_reply(conversation, CONFLICT))
    assert coach.search_query(conversation, "how do we start?") == f"{CONFLICT} how do we start?"
    second = answer.citations[1].section
    assert second in coach.search_query(conversation, "what about the second one?")
    standalone = "what are some daily rituals that could strengthen our bond as a couple"
    assert coach.search_query(conversation, standalone) == standalone


def spy_on_searches(coach: Coach, monkeypatch) -> list[str]:
    """The queries the coach sends to its retriever, in order."""
    searched: list[str] = []
    real = coach.retriever.retrieve
    monkeypatch.setattr(coach.retriever, "retrieve", lambda q: searched.append(q) or real(q))
    return searched


def test_with_condense_llm_the_model_rewrites_a_follow_up_for_the_search(make_coach, monkeypatch):
    standalone = "How do we start a calm talk about daily rituals that bring couples closer?"
    coach, model = make_coach("Talk about what hurts [1].", standalone, "Start small [1].", condense="llm")
    searched = spy_on_searches(coach, monkeypatch)
    conversation = coach.new_conversation()
    drain(coach.stream_reply(conversation, CONFLICT))
    answer = drain(coach.stream_reply(conversation, "how do we start?"))
    condense_prompt = model.prompts[1][-1].content
    assert (
        "Standalone question:" in condense_prompt and "Follow Up Input: how do we start?" in condense_prompt
    )
    assert (
        f"user: {CONFLICT}" in condense_prompt and "assistant: Talk about what hurts [1]." in condense_prompt
    )
    assert searched == [CONFLICT, standalone]
    assert answer.kind == "grounded" and "condense_ms" in answer.timings
    assert any("rituals" in c.section.lower() or "ritual" in c.text.lower() for c in answer.citations)


@pytest.mark.parametrize("written", ["", "ok", "\n\n"])
def test_an_unusable_condensed_question_falls_back_to_the_rules(make_coach, monkeypatch, written):
    coach, _ = make_coach("Talk about what hurts [1].", written, "Start small [1].", condense="llm")
    searched = spy_on_searches(coach, monkeypatch)
    conversation = coach.new_conversation()
    drain(coach.stream_reply(conversation, CONFLICT))
    drain(coach.stream_reply(conversation, "how do we start?"))
    assert searched[-1] == f"{CONFLICT} how do we start?"


def test_conversations_do_not_see_each_other(make_coach):
    coach, model = make_coach("Talk [1].", "Listen [1].", "Hug [1].")
    alice, bob = coach.new_conversation(), coach.new_conversation()
    drain(coach.stream_reply(alice, "Alice here: " + CONFLICT))
    drain(coach.stream_reply(bob, "Bob here: how can we spend more quality time"))
    drain(coach.stream_reply(bob, "and how do we start?"))
    assert all("Alice" not in m.content for m in model.prompts[1] + model.prompts[2])


def test_reply_telling_the_user_to_leave_is_replaced(make_coach):
    from coach.safety import SAFE_FALLBACK

    coach, _ = make_coach("Honestly, you should leave him and file for divorce [1].")
    answer = coach.ask(CONFLICT)
    assert answer.text == SAFE_FALLBACK
    assert "leave him" not in answer.text


def test_crisis_message_gets_the_safety_reply_and_no_model_call(make_coach):
    coach, model = make_coach("Plan a date night [1].")
    items = list(
        coach.stream_reply(coach.new_conversation(), "i want to kill myself, i cant do this anymore")
    )
    answer = items[-1]
    assert isinstance(answer, Answer) and answer.kind == "crisis"
    assert "988" in answer.text
    assert answer.citations == ()
    assert model.prompts == [], "no LLM tips in a crisis"
    assert answer.safety["level"] == "crisis"


def test_crisis_resources_stay_for_the_rest_of_the_conversation(make_coach):
    coach, _ = make_coach("Talk openly [1].")
    conversation = coach.new_conversation()
    drain(coach.stream_reply(conversation, "he hit me last night and I'm scared to go home"))
    later = drain(coach.stream_reply(conversation, CONFLICT))
    assert later.safety["level"] == "crisis"
    assert later.safety["resources"]


def test_support_message_gets_a_grounded_answer_and_the_professional_suggestion(make_coach):
    from coach.safety import support_note

    coach, _ = make_coach("Discuss the issues openly [1].")
    answer = coach.ask("we've been fighting about the same things for months and nothing we try helps")
    assert answer.kind == "grounded"
    assert answer.safety["level"] == "support"
    assert support_note() in answer.text


def test_warm_up_reads_the_fixed_system_text_and_leaves_conversations_alone(make_coach):
    coach, model = make_coach("Hello.")
    conversation = coach.new_conversation()
    assert coach.warm_up() is True
    assert len(model.prompts) == 1 and model.prompts[0][0].content == prompt_text("system")
    assert conversation.memory.get() == [] and not conversation.user_turns


def test_warm_up_with_a_model_that_cannot_load_is_false_not_an_error(indexed_settings, retriever, gate):
    from coach.llm import MissingModel

    coach = Coach(indexed_settings, retriever, MissingModel("model file /nowhere.gguf does not exist"), gate)
    assert coach.warm_up() is False
