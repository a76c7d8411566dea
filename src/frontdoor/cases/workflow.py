"""A workflow as data: its states, the transitions allowed between them, and closure reasons.

Stored as JSON on `Workflow.definition` and read through these frozen dataclasses, so other
capabilities (online forms, street reports) can define their own without code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The templates a public transition uses unless it names its own (see cases/messages.py).
DEFAULT_UPDATE_TEMPLATE = "case-updated"


class WorkflowError(ValueError):
    """The workflow definition does not hang together."""


@dataclass(frozen=True)
class State:
    code: str
    label: str
    # What a resident sees on "track my request"; the staff label when empty.
    public_label: str = ""
    initial: bool = False
    closed: bool = False

    @property
    def resident_label(self) -> str:
        return self.public_label or self.label


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    sources: tuple[str, ...]
    target: str
    # A public transition appears on the resident's timeline and sends them a message.
    public: bool = False
    template: str = ""
    # What the resident is told when the officer writes nothing more specific.
    public_text: str = ""


@dataclass(frozen=True)
class ClosureReason:
    code: str
    label: str


@dataclass(frozen=True)
class Definition:
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    closure_reasons: tuple[ClosureReason, ...] = field(default_factory=tuple)

    @property
    def initial(self) -> State:
        return next(state for state in self.states if state.initial)

    def state(self, code: str) -> State:
        for state in self.states:
            if state.code == code:
                return state
        raise WorkflowError(f"There is no state called {code!r}.")

    def transition(self, code: str) -> Transition | None:
        return next((t for t in self.transitions if t.code == code), None)

    def allowed_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def refusal(self, state: str, transition: str) -> str:
        """Why `transition` cannot happen from `state`, in words; "" when it can."""
        step = self.transition(transition)
        if step is not None and state in step.sources:
            return ""
        current = self.state(state).label.lower()
        allowed = ", ".join(t.label.lower() for t in self.allowed_from(state)) or "nothing"
        name = step.label.lower() if step else f"“{transition}”"
        return f"You cannot {name} a case that is {current}. From {current} you can: {allowed}."

    def closure_reason(self, code: str) -> ClosureReason | None:
        return next((r for r in self.closure_reasons if r.code == code), None)

    def to_json(self) -> dict:
        return {
            "states": [asdict(s) for s in self.states],
            "transitions": [{**asdict(t), "sources": list(t.sources)} for t in self.transitions],
            "closure_reasons": [asdict(r) for r in self.closure_reasons],
        }

    @classmethod
    def from_json(cls, data: dict) -> Definition:
        return cls(
            states=tuple(State(**s) for s in data["states"]),
            transitions=tuple(
                Transition(**{**t, "sources": tuple(t["sources"])}) for t in data["transitions"]
            ),
            closure_reasons=tuple(ClosureReason(**r) for r in data.get("closure_reasons", [])),
        )

    def check(self) -> None:
        """Raise WorkflowError unless the definition is whole and consistent."""
        codes = [s.code for s in self.states]
        if len(set(codes)) != len(codes):
            raise WorkflowError("Each state needs its own code.")
        initial = [s for s in self.states if s.initial]
        if len(initial) != 1:
            raise WorkflowError("A workflow needs exactly one initial state.")
        if initial[0].closed:
            raise WorkflowError("The initial state cannot be a closed state.")
        if not any(s.closed for s in self.states):
            raise WorkflowError("A workflow needs at least one closed state.")
        names = [t.code for t in self.transitions]
        if len(set(names)) != len(names):
            raise WorkflowError("Each transition needs its own code.")
        for t in self.transitions:
            unknown = [c for c in (*t.sources, t.target) if c not in codes]
            if unknown:
                raise WorkflowError(
                    f"The transition {t.code!r} names unknown states: {', '.join(unknown)}."
                )
            if not t.sources:
                raise WorkflowError(f"The transition {t.code!r} needs a state to start from.")
        reasons = [r.code for r in self.closure_reasons]
        if len(set(reasons)) != len(reasons):
            raise WorkflowError("Each closure reason needs its own code.")
