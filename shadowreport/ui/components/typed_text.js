// Sends the text typed into the app's keyed text boxes to the server while it is typed.
// Streamlit itself sends a box's text only when the box loses focus or on Ctrl+Enter, so text typed
// and then left by a page link, a reload or a closed tab would never arrive. This sends every box's
// latest text 400 ms after the last keystroke, and at once when the box loses focus (before a click
// on a page link is handled: a send after it would name the old page and undo the switch) or when
// the page is hidden or left. It reads the boxes, never changes them.

const QUIET_MS = 400;
const KEY_CLASS = "st-key-";

// The key of the Streamlit widget a box belongs to, as written in its container's class
// ("st-key-" and the key with every character but letters, digits, "-" and "_" made "-").
function widgetClass(box) {
  const container = box.closest(`[class*="${KEY_CLASS}"]`);
  if (!container) return null;
  return [...container.classList].find((name) => name.startsWith(KEY_CLASS)) || null;
}

function isTextBox(element) {
  if (element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && element.type === "text" && element.getAttribute("role") !== "combobox";
}

export default function ({ setTriggerValue }) {
  const pending = new Map(); // widget class -> latest text
  let timer = null;

  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return;
    setTriggerValue("typed", Object.fromEntries(pending));
    pending.clear();
  };
  const typed = (event) => {
    if (!isTextBox(event.target)) return;
    const name = widgetClass(event.target);
    if (!name) return;
    pending.set(name, event.target.value);
    clearTimeout(timer);
    timer = setTimeout(flush, QUIET_MS);
  };
  const hidden = () => {
    if (document.visibilityState === "hidden") flush();
  };

  document.addEventListener("input", typed, true);
  document.addEventListener("focusout", flush, true);
  document.addEventListener("visibilitychange", hidden);
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", flush);
  return () => {
    flush();
    document.removeEventListener("input", typed, true);
    document.removeEventListener("focusout", flush, true);
    document.removeEventListener("visibilitychange", hidden);
    window.removeEventListener("pagehide", flush);
    window.removeEventListener("beforeunload", flush);
  };
}
