"""Diagrams of recurrent cells drawn with matplotlib (introduced in chapter 1).

Every function returns a :class:`matplotlib.figure.Figure`, so a chapter shows it
inline and ``fig.savefig("cell.svg")`` writes it as SVG or PNG. Yellow boxes are
learned layers (sigmoid ``σ`` or ``tanh``), white circles are element-wise
operations, and a ``highlight`` draws one path of the cell in red.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

LAYER_COLOUR = "#f7d774"
CELL_COLOUR = "#e9eff8"
LINE_COLOUR = "#2b2b2b"
HIGHLIGHT = "#d62728"
LSTM_PARTS = ("concat", "forget", "input", "cell", "output")
GRU_PARTS = ("concat", "reset", "update", "candidate", "state")


class _Canvas:
    """A blank axes in data units, with the few shapes a cell diagram needs."""

    def __init__(self, width: float, height: float, scale: float = 0.62) -> None:
        self.fig, self.ax = plt.subplots(figsize=(width * scale, height * scale))
        self.ax.set_xlim(0, width)
        self.ax.set_ylim(0, height)
        self.ax.set_aspect("equal")
        self.ax.axis("off")
        self.fig.subplots_adjust(0, 0, 1, 1)

    def box(self, x0: float, y0: float, x1: float, y1: float, colour: str = CELL_COLOUR) -> None:
        self.ax.add_patch(
            FancyBboxPatch(
                (x0, y0),
                x1 - x0,
                y1 - y0,
                boxstyle="round,pad=0.1,rounding_size=0.4",
                facecolor=colour,
                edgecolor="#8aa1c1",
                linewidth=1.2,
                zorder=0,
            )
        )

    def layer(self, x: float, y: float, label: str, hot: bool = False) -> None:
        self.ax.add_patch(
            FancyBboxPatch(
                (x - 0.45, y - 0.3),
                0.9,
                0.6,
                boxstyle="round,pad=0.02,rounding_size=0.1",
                facecolor=LAYER_COLOUR,
                edgecolor=HIGHLIGHT if hot else LINE_COLOUR,
                linewidth=2.4 if hot else 1.2,
                zorder=3,
            )
        )
        self.ax.text(x, y, label, ha="center", va="center", fontsize=11, zorder=4)

    def op(self, x: float, y: float, symbol: str, hot: bool = False) -> None:
        radius = 0.42 if len(symbol) > 1 else 0.27
        self.ax.add_patch(
            Circle(
                (x, y),
                radius,
                facecolor="white",
                edgecolor=HIGHLIGHT if hot else LINE_COLOUR,
                linewidth=2.4 if hot else 1.2,
                zorder=3,
            )
        )
        self.ax.text(
            x, y, symbol, ha="center", va="center", fontsize=9 if len(symbol) > 1 else 13, zorder=4
        )

    def wire(
        self,
        points: Iterable[tuple[float, float]],
        hot: bool = False,
        arrow: bool = True,
        dashed: bool = False,
    ) -> None:
        xs, ys = zip(*points)
        style = dict(
            color=HIGHLIGHT if hot else LINE_COLOUR,
            linewidth=2.6 if hot else 1.4,
            zorder=2,
            linestyle="--" if dashed else "-",
        )
        self.ax.plot(xs[:-1], ys[:-1], solid_capstyle="round", **style)
        self.ax.plot(xs[-2:], ys[-2:], **style)
        if arrow:
            self.ax.annotate(
                "",
                xy=(xs[-1], ys[-1]),
                xytext=(xs[-2], ys[-2]),
                zorder=2,
                arrowprops=dict(
                    arrowstyle="-|>",
                    color=style["color"],
                    lw=style["linewidth"],
                    linestyle=style["linestyle"],
                    shrinkA=0,
                    shrinkB=0,
                ),
            )

    def label(
        self, x: float, y: float, text: str, hot: bool = False, size: int = 12, **kwargs
    ) -> None:
        self.ax.text(
            x, y, text, fontsize=size, color=HIGHLIGHT if hot else LINE_COLOUR, zorder=5, **kwargs
        )

    def concatenated_input(self, bus_end: float, hot: bool) -> None:
        """h_{t-1} from the left and x_t from below, joined into one bus running to ``bus_end``."""
        self.wire([(0.0, 1.2), (1.6, 1.2)], hot, arrow=False)
        self.wire([(1.6, -0.2), (1.6, 1.2)], hot, arrow=False)
        self.wire([(1.6, 1.2), (bus_end, 1.2)], hot, arrow=False)
        self.ax.add_patch(
            Circle((1.6, 1.2), 0.08, color=HIGHLIGHT if hot else LINE_COLOUR, zorder=3)
        )
        self.label(0.0, 1.45, "$h_{t-1}$", hot)
        self.label(1.75, 0.0, "$x_t$", hot)

    def title(self, text: str) -> None:
        self.ax.set_title(text, fontsize=12, pad=4)


def _check(highlight: str | None, parts: tuple[str, ...]) -> None:
    if highlight is not None and highlight not in parts:
        raise ValueError(f"highlight must be one of {', '.join(parts)} or None, got {highlight!r}")


def unrolled_rnn(steps: int = 4) -> Figure:
    """A recurrent cell with its loop, and the same cell unrolled over ``steps`` time steps."""
    if steps < 2:
        raise ValueError(f"unroll at least 2 steps, got {steps}")
    canvas = _Canvas(3.2 + 2.4 * steps, 5.2)
    canvas.box(0.8, 1.8, 2.2, 3.2)
    canvas.label(1.5, 2.5, "A", size=15, ha="center", va="center")
    canvas.wire([(1.5, 0.7), (1.5, 1.7)])
    canvas.wire([(1.5, 3.3), (1.5, 4.3)])
    canvas.wire([(2.2, 2.9), (2.7, 2.9), (2.7, 3.7), (0.3, 3.7), (0.3, 2.9), (0.75, 2.9)])
    canvas.label(1.5, 0.2, "$x_t$", ha="center")
    canvas.label(1.5, 4.55, "$h_t$", ha="center")
    canvas.label(3.25, 2.4, "=", size=20, ha="center", va="center")
    for step in range(steps):
        x = 4.6 + 2.4 * step
        canvas.box(x - 0.7, 1.8, x + 0.7, 3.2)
        canvas.label(x, 2.5, "A", size=15, ha="center", va="center")
        canvas.wire([(x, 0.7), (x, 1.7)])
        canvas.wire([(x, 3.3), (x, 4.3)])
        canvas.label(x, 0.2, f"$x_{step}$", ha="center")
        canvas.label(x, 4.55, f"$h_{step}$", ha="center")
        if step:
            canvas.wire([(x - 1.7, 2.5), (x - 0.8, 2.5)])
    canvas.title("A recurrent network and the same network unrolled in time")
    return canvas.fig


def lstm_cell(highlight: str | None = None, peephole: bool = False) -> Figure:
    """One LSTM step: concatenated input, forget/input/candidate/output layers, cell state.

    ``highlight`` is one of ``concat``, ``forget``, ``input`` (the input gate and
    the candidate, the gate's two branches), ``cell`` (the cell-state update) or
    ``output`` (the output gate and the tanh mask). ``peephole=True`` adds the
    peephole connections from the cell state to the three gates (dashed).
    """
    _check(highlight, LSTM_PARTS)
    hot = {part: highlight == part for part in LSTM_PARTS}
    c = _Canvas(12.4, 7.4)
    c.box(0.9, 0.7, 10.7, 6.0)
    # The cell state runs along the top, the concatenated input along the bottom.
    c.wire([(0.0, 5.2), (2.33, 5.2)], hot["cell"] or hot["forget"], arrow=False)
    c.wire([(2.87, 5.2), (5.33, 5.2)], hot["cell"], arrow=False)
    c.wire([(5.87, 5.2), (11.8, 5.2)], hot["cell"] or hot["output"])
    c.label(0.0, 5.45, "$c_{t-1}$", hot["cell"])
    c.label(11.2, 5.45, "$c_t$", hot["cell"])
    c.concatenated_input(7.6, hot["concat"])
    c.label(3.0, 0.8, "$[h_{t-1}, x_t]$", hot["concat"], size=10)
    # Forget gate.
    c.wire([(2.6, 1.2), (2.6, 2.6)], hot["forget"] or hot["concat"])
    c.layer(2.6, 2.9, "σ", hot["forget"])
    c.wire([(2.6, 3.2), (2.6, 4.93)], hot["forget"])
    c.op(2.6, 5.2, "×", hot["forget"] or hot["cell"])
    c.label(2.7, 3.9, "$f_t$", hot["forget"])
    # Input gate and candidate: the two branches that write to the cell.
    c.wire([(4.2, 1.2), (4.2, 2.6)], hot["input"] or hot["concat"])
    c.layer(4.2, 2.9, "σ", hot["input"])
    c.wire([(4.2, 3.2), (4.2, 4.1), (5.33, 4.1)], hot["input"])
    c.label(4.3, 3.45, "$i_t$", hot["input"])
    c.wire([(5.6, 1.2), (5.6, 2.6)], hot["input"] or hot["concat"])
    c.layer(5.6, 2.9, "tanh", hot["input"])
    c.wire([(5.6, 3.2), (5.6, 3.83)], hot["input"])
    c.label(5.75, 3.4, "$g_t$", hot["input"])
    c.op(5.6, 4.1, "×", hot["input"] or hot["cell"])
    c.wire([(5.6, 4.37), (5.6, 4.93)], hot["input"] or hot["cell"])
    c.op(5.6, 5.2, "+", hot["input"] or hot["cell"])
    # Output gate and the tanh mask of the new cell state.
    c.wire([(7.6, 1.2), (7.6, 2.6)], hot["output"] or hot["concat"])
    c.layer(7.6, 2.9, "σ", hot["output"])
    c.wire([(8.05, 2.9), (8.33, 2.9)], hot["output"])
    c.label(7.75, 3.45, "$o_t$", hot["output"])
    c.wire([(8.6, 5.2), (8.6, 4.52)], hot["output"])
    c.op(8.6, 4.1, "tanh", hot["output"])
    c.wire([(8.6, 3.68), (8.6, 3.17)], hot["output"])
    c.op(8.6, 2.9, "×", hot["output"])
    c.wire([(8.6, 2.63), (8.6, 1.9), (11.8, 1.9)], hot["output"])
    c.wire([(10.0, 1.9), (10.0, 6.9)], hot["output"])
    c.label(11.2, 2.1, "$h_t$", hot["output"])
    c.label(10.15, 6.7, "$h_t$", hot["output"])
    if peephole:
        # The forget and input gates read c_{t-1} (tapped before the forget
        # multiplication), the output gate the new c_t.
        c.wire([(1.5, 5.2), (1.5, 3.45), (2.3, 3.3)], dashed=True)
        c.wire([(2.0, 5.2), (2.0, 4.6), (3.75, 4.6), (3.9, 3.3)], dashed=True)
        c.wire([(7.0, 5.2), (7.0, 3.45), (7.3, 3.3)], dashed=True)
        c.label(1.0, 2.1, "peepholes", size=9, style="italic")
    names = {
        None: "An LSTM step",
        "concat": "The input: previous output and current input, concatenated",
        "forget": "The forget gate scales the old cell state",
        "input": "The input gate and the candidate write",
        "cell": "The cell state update",
        "output": "The output gate and the tanh mask",
    }
    c.title("A peephole LSTM step" if peephole and highlight is None else names[highlight])
    return c.fig


def gru_cell(highlight: str | None = None) -> Figure:
    """One GRU step in Keras's convention ``h_t = z ⊙ h_{t-1} + (1 - z) ⊙ ĥ_t``.

    ``highlight`` is one of ``concat``, ``reset``, ``update``, ``candidate`` or ``state``.
    """
    _check(highlight, GRU_PARTS)
    hot = {part: highlight == part for part in GRU_PARTS}
    c = _Canvas(12.4, 7.4)
    c.box(0.9, 0.7, 10.7, 6.0)
    c.wire([(0.0, 5.2), (4.33, 5.2)], hot["state"], arrow=False)
    c.wire([(4.87, 5.2), (7.33, 5.2)], hot["state"], arrow=False)
    c.wire([(7.87, 5.2), (11.8, 5.2)], hot["state"])
    c.label(0.0, 5.45, "$h_{t-1}$", hot["state"])
    c.label(11.2, 5.45, "$h_t$", hot["state"])
    c.wire([(10.0, 5.2), (10.0, 6.9)], hot["state"])
    c.label(10.15, 6.7, "$h_t$", hot["state"])
    c.concatenated_input(4.2, hot["concat"])
    # Reset gate: how much of h_{t-1} the candidate sees.
    c.wire([(2.6, 1.2), (2.6, 2.6)], hot["reset"] or hot["concat"])
    c.layer(2.6, 2.9, "σ", hot["reset"])
    c.label(2.75, 3.4, "$r_t$", hot["reset"])
    c.wire([(2.6, 3.2), (2.6, 3.83)], hot["reset"])
    c.wire([(1.3, 5.2), (1.3, 4.1), (2.33, 4.1)], hot["reset"])
    c.op(2.6, 4.1, "×", hot["reset"] or hot["candidate"])
    c.wire(
        [(2.87, 4.1), (3.3, 4.1), (3.3, 0.5), (7.4, 0.5), (7.4, 2.6)],
        hot["reset"] or hot["candidate"],
    )
    c.wire([(1.6, -0.2), (1.6, 0.3), (7.8, 0.3), (7.8, 2.6)], hot["candidate"] or hot["concat"])
    c.label(4.4, 0.62, "$[r_t \\odot h_{t-1}, x_t]$", hot["candidate"], size=10)
    # Update gate: keeps z of the old state and writes 1 - z of the candidate.
    c.wire([(4.2, 1.2), (4.2, 2.6)], hot["update"] or hot["concat"])
    c.layer(4.2, 2.9, "σ", hot["update"])
    c.label(4.35, 3.4, "$z_t$", hot["update"])
    c.wire([(4.2, 3.2), (4.2, 4.2), (4.6, 4.2), (4.6, 4.93)], hot["update"] or hot["state"])
    c.op(4.6, 5.2, "×", hot["update"] or hot["state"])
    c.wire([(4.65, 2.9), (5.6, 2.9), (5.6, 3.68)], hot["update"])
    c.op(5.6, 4.1, "1−", hot["update"])
    c.wire([(6.02, 4.1), (7.33, 4.1)], hot["update"])
    c.layer(7.6, 2.9, "tanh", hot["candidate"])
    c.label(7.75, 3.35, "$\\hat h_t$", hot["candidate"])
    c.wire([(7.6, 3.2), (7.6, 3.83)], hot["candidate"])
    c.op(7.6, 4.1, "×", hot["candidate"] or hot["update"] or hot["state"])
    c.wire([(7.6, 4.37), (7.6, 4.93)], hot["candidate"] or hot["state"])
    c.op(7.6, 5.2, "+", hot["state"] or hot["candidate"])
    names = {
        None: "A GRU step",
        "concat": "The input: previous output and current input",
        "reset": "The reset gate decides what of the past the candidate sees",
        "update": "The update gate mixes old state and candidate",
        "candidate": "The candidate state",
        "state": "The state update",
    }
    c.title(names[highlight])
    return c.fig
