/* Saved state of an earlier format, in today's: loaded by core.js only where a page finds state an earlier
 * version saved (and by the progress page, for imports). Format 1 is what the guidebook saved until format 2;
 * tests/saved_state/ holds what it wrote, which must keep loading forever. */

// Each step takes one part's state from format N to N + 1; today's format (macros/overview.py's
// STORAGE_FORMAT, which the page hands to the script) is where the steps end.
const STEPS = {
  // Format 2 saves inputs only: a knowledge check keeps the answers it was last checked with instead of their
  // score, a self-assessment its ratings instead of totals and bands. (A format-1 "last score" whose answers
  // were changed afterwards cannot be worked out again, so it goes.)
  1(value) {
    const result = { ...value };
    if (value.last && "score" in value.last) { // a knowledge check
      result.last = value.checked && value.answers ? { answers: value.answers, at: value.last.at } : null;
      delete result.checked;
    }
    for (const name of ["result", "previous"]) { // a self-assessment
      if (value[name] && typeof value[name] === "object") result[name] = { ratings: value[name].ratings, at: value[name].at };
    }
    return result;
  }
};

// One part's state saved in format `version`, in today's.
export function upgradeEntry(version, value) {
  for (let step = version; STEPS[step] && value && typeof value === "object"; step++) value = STEPS[step](value);
  return value;
}

// An export file's or a storage area's entries, in today's format.
export const upgrade = (version, entries) =>
  Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, upgradeEntry(version, value)]));
