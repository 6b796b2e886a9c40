"""Plotly figures that also carry a PNG of themselves, for wherever JavaScript does not run.

JupyterLab draws a figure from its plotly JSON; an exported notebook (nbconvert
HTML, a notebook rendered on a code host) cannot, and would show nothing. Each
figure of :mod:`topics.viz.plots` therefore also offers an ``image/png`` in its
display bundle, drawn by Kaleido (plotly's image export, which drives a
headless Chrome or Chromium). One browser is started on the first figure and
reused for the rest of the session.

``TOPICS_STATIC_FIGURES=0`` turns the images off (only the interactive figure is
shown). Where Kaleido or a browser is missing the figure stays interactive only
and a warning says why, once.
"""

from __future__ import annotations

import atexit
import base64
import os
import warnings
from functools import lru_cache

DEFAULT_WIDTH = 900
DEFAULT_HEIGHT = 500
# Kaleido waits for ever on a browser that never answers (its server thread died: no browser, a
# broken one): past this many seconds the figure is shown without its image.
IMAGE_TIMEOUT_S = 120.0
_state = {"server": False, "failed": None}


def static_images_enabled() -> bool:
    return os.environ.get("TOPICS_STATIC_FIGURES", "1").strip().lower() not in {"0", "false", "no", "off"}


def figure_png(figure) -> bytes | None:
    """The figure as PNG bytes, or None where no image can be made (warns once, with the reason)."""
    if _state["failed"] is not None:
        return None
    try:
        _start_browser()
        width = figure.layout.width or DEFAULT_WIDTH
        height = figure.layout.height or DEFAULT_HEIGHT
        return _within_timeout(lambda: figure.to_image(format="png", width=width, height=height, scale=1))
    except Exception as error:  # noqa: BLE001 - any failure only costs the static copy
        _state["failed"] = f"{type(error).__name__}: {error}"
        warnings.warn(
            f"figures are interactive only (no static image for exported notebooks): {_state['failed']}. "
            "Install kaleido (pip install 'topics[notebook]') and Chrome or Chromium "
            "(or run `plotly_get_chrome`), or set TOPICS_STATIC_FIGURES=0 to silence this.",
            stacklevel=3,
        )
        return None


def _within_timeout(make_image):
    """``make_image()`` on a daemon thread (a hung one never holds up the interpreter's exit);
    TimeoutError past ``IMAGE_TIMEOUT_S``."""
    import threading

    done, outcome = threading.Event(), {}

    def run():
        try:
            with warnings.catch_warnings():
                # plotly passes browser options that a running Kaleido server ignores, and says so each time.
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                outcome["image"] = make_image()
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=run, name="topics-figure-image", daemon=True).start()
    if not done.wait(IMAGE_TIMEOUT_S):
        raise TimeoutError(f"the browser drawing the image did not answer within {IMAGE_TIMEOUT_S:.0f} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["image"]


def _start_browser() -> None:
    if _state["server"]:
        return
    import kaleido

    try:  # Kaleido's browser finder (choreographer, its dependency): without a browser its server hangs
        from choreographer.browsers.chromium import Chromium
    except ImportError:
        Chromium = None
    if Chromium is not None and Chromium.find_browser(skip_local=False) is None:
        raise RuntimeError("no Chrome or Chromium found")

    kaleido.start_sync_server(silence_warnings=True)
    _state["server"] = True
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)


@lru_cache(maxsize=1)
def _figure_class():
    import plotly.graph_objects as go

    class Figure(go.Figure):
        """A plotly Figure whose display also carries a PNG copy (see :mod:`topics.viz.static_figures`)."""

        def _repr_mimebundle_(self, include=None, exclude=None, validate=True, **kwargs):
            bundle = super()._repr_mimebundle_(include, exclude, validate, **kwargs)
            if static_images_enabled() and "image/png" not in bundle:
                png = figure_png(self)
                if png is not None:
                    bundle["image/png"] = base64.b64encode(png).decode("ascii")
            return bundle

        def _ipython_display_(self):
            # plotly's own hook publishes only its renderers' output; publish the bundle with the PNG.
            from IPython.display import display

            display(self._repr_mimebundle_(), raw=True)

    Figure.__module__ = "topics.viz.static_figures"
    Figure.__qualname__ = "Figure"
    return Figure


def with_static_image(figure):
    """``figure`` (a plotly Figure) as a Figure that also shows a static PNG where JavaScript does not run."""
    return _figure_class()(figure)
