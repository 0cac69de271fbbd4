// Sends the text typed into the app's keyed text boxes to the server while it is typed.
// Streamlit itself sends a box's text only when the box loses focus or on Ctrl+Enter, so text typed
// and then left by a page link, a reload or a closed tab would never arrive. This sends every box's
// latest text 400 ms after the last keystroke, and at once when the box loses focus (before a click
// on a page link is handled: a send after it would name the old page and undo the switch) or when
// the page is hidden or left.
//
// A send made as the page unloads can be lost with the closing connection, so every keystroke's
// text is also kept in the tab's sessionStorage (under the box's key, which names the project and
// the field) until the server acknowledges it. After a reload the kept text is sent again, marked
// "restore", once its box is on the page; the server then saves it and shows it in the box.
//
// Streamlit calls the default export again whenever the server sends new data (the
// acknowledgements), so the listeners are installed once per page load, at module level.

const QUIET_MS = 400;
const RESEND_AFTER_MS = 5000; // a text sent this long ago and still not acknowledged is sent again
const KEY_CLASS = "st-key-";
const KEPT = "shadowreport.unsent:"; // sessionStorage prefix; the rest is the box's widget class

let send = null; // the latest setTriggerValue Streamlit gave us
let timer = null;
let installed = false;
let lastSeq = 0;
let resendTimer = null;
const typedSinceSend = new Map(); // widget class -> latest text, not yet sent
const toRestore = new Set(); // widget classes kept from before this page load, waiting for their box

// The key of the Streamlit widget a box belongs to, as written in its container's class
// ("st-key-" and the key with every character but letters, digits, "-" and "_" made "-").
function widgetClass(box) {
  const container = box.closest(`[class*="${KEY_CLASS}"]`);
  if (!container) return null;
  return [...container.classList].find((name) => name.startsWith(KEY_CLASS)) || null;
}

// A text box the server saves as it is typed. Not one in a form: a form sends its boxes when it is
// submitted, and a send of ours as the submit button is pressed would start a run that drops the submission.
function isTextBox(element) {
  if (element.closest('[data-testid="stForm"]')) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && element.type === "text" && element.getAttribute("role") !== "combobox";
}

// A number larger than any sent before in this tab, across reloads (the clock keeps going up).
function nextSeq() {
  lastSeq = Math.max(Date.now(), lastSeq + 1);
  return lastSeq;
}

function readKept(name) {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEPT + name));
    return kept && typeof kept.text === "string" ? kept : null;
  } catch {
    return null;
  }
}

function keep(name, text, seq) {
  try {
    sessionStorage.setItem(KEPT + name, JSON.stringify({ text, seq }));
  } catch {
    // storage full or refused: the ordinary sends still carry the text
  }
}

function keptNames() {
  const names = [];
  for (let i = 0; i < sessionStorage.length; i += 1) {
    const item = sessionStorage.key(i);
    if (item && item.startsWith(KEPT)) names.push(item.slice(KEPT.length));
  }
  return names;
}

function post(texts, restore) {
  const seq = nextSeq();
  for (const [name, text] of Object.entries(texts)) keep(name, text, seq);
  if (send) send("typed", { texts, seq, restore });
}

// Texts sent but not yet acknowledged: sent again with the next send, since a send the server has not
// started on is replaced by a newer one from this watcher (Streamlit keeps one trigger value per widget).
function unacknowledged(olderThanMs) {
  const texts = {};
  for (const name of keptNames()) {
    const kept = readKept(name);
    if (kept !== null && kept.seq !== null && !toRestore.has(name) && Date.now() - kept.seq >= olderThanMs) texts[name] = kept.text;
  }
  return texts;
}

function resendLate() {
  const late = unacknowledged(RESEND_AFTER_MS);
  if (Object.keys(late).length > 0) post(late, false);
}

function flush() {
  clearTimeout(timer);
  timer = null;
  if (typedSinceSend.size === 0) return;
  const texts = { ...unacknowledged(0), ...Object.fromEntries(typedSinceSend) };
  typedSinceSend.clear();
  post(texts, false);
}

function typed(event) {
  if (!isTextBox(event.target)) return;
  const name = widgetClass(event.target);
  if (!name) return;
  if (typingIn !== null && typingIn.box === event.target) typingIn.text = event.target.value;
  typedSinceSend.set(name, event.target.value);
  toRestore.delete(name); // typed in again: the new text supersedes the kept one
  keep(name, event.target.value, null);
  clearTimeout(timer);
  timer = setTimeout(flush, QUIET_MS);
}

function hidden() {
  if (document.visibilityState === "hidden") flush();
}

// Texts kept from before this page load whose box is now on the page: sent again, to be saved and shown.
function restoreShown() {
  if (toRestore.size === 0 || !send) return;
  const texts = {};
  for (const name of toRestore) {
    const kept = readKept(name);
    if (kept === null) toRestore.delete(name);
    else if (document.querySelector(`.${CSS.escape(name)} textarea, .${CSS.escape(name)} input`)) texts[name] = kept.text;
  }
  for (const name of Object.keys(texts)) toRestore.delete(name);
  if (toRestore.size === 0) observer.disconnect();
  if (Object.keys(texts).length > 0) post(texts, true);
}

// The server's acknowledgements ({widget class: seq}): kept texts it has received are dropped.
function forgetAcknowledged(acknowledged) {
  if (!acknowledged || typeof acknowledged !== "object") return;
  for (const [name, seq] of Object.entries(acknowledged)) {
    const kept = readKept(name);
    if (kept !== null && kept.seq !== null && typeof seq === "number" && seq >= kept.seq) sessionStorage.removeItem(KEPT + name);
  }
}

const observer = new MutationObserver(restoreShown);

// The box being typed in, and its text: Streamlit sometimes draws a box again as a new element (when
// elements above it change), which shows its last committed text and drops the focus. The new box
// gets the text typed and the focus back, as if nothing had happened.
let typingIn = null; // { box, name, text }

function followFocus(event) {
  const name = isTextBox(event.target) ? widgetClass(event.target) : null;
  typingIn = name ? { box: event.target, name, text: event.target.value } : null;
}

function redrawn() {
  if (typingIn === null || typingIn.box.isConnected) return;
  const box = document.querySelector(`.${CSS.escape(typingIn.name)} textarea, .${CSS.escape(typingIn.name)} input`);
  if (!box) return;
  const { text } = typingIn;
  typingIn = { box, name: typingIn.name, text };
  if (box.value !== text) {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), "value").set;
    setter.call(box, text);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (document.activeElement === document.body || document.activeElement === null) {
    box.focus({ preventScroll: true });
    box.setSelectionRange(text.length, text.length);
  }
}

const redraws = new MutationObserver(redrawn);

function install() {
  installed = true;
  for (const name of keptNames()) toRestore.add(name);
  document.addEventListener("input", typed, true);
  document.addEventListener("focusin", followFocus, true);
  document.addEventListener("focusout", flush, true);
  document.addEventListener("visibilitychange", hidden);
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", flush);
  if (toRestore.size > 0) observer.observe(document.body, { childList: true, subtree: true });
  redraws.observe(document.body, { childList: true, subtree: true });
  resendTimer = setInterval(resendLate, RESEND_AFTER_MS); // also when no run comes to bring news
}

function uninstall() {
  flush();
  installed = false;
  observer.disconnect();
  redraws.disconnect();
  clearInterval(resendTimer);
  document.removeEventListener("input", typed, true);
  document.removeEventListener("focusin", followFocus, true);
  document.removeEventListener("focusout", flush, true);
  document.removeEventListener("visibilitychange", hidden);
  window.removeEventListener("pagehide", flush);
  window.removeEventListener("beforeunload", flush);
}

export default function ({ data, setTriggerValue }) {
  send = setTriggerValue;
  if (!installed) install();
  forgetAcknowledged(data && data.acknowledged);
  resendLate();
  restoreShown();
  return uninstall;
}
