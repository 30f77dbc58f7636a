/* The guide's script: mends the interface translations of Sphinx's own scripts.
 *
 * Sphinx's catalogs for some languages (Spanish, German, Arabic, ...) carry empty
 * translations, such as "" for "Search finished, found N pages matching the search
 * query.". Its doctools.js shows an empty text for them instead of the English one,
 * so the search page never tells its readers (nor their screen readers) whether
 * anything was found. Dropping the empty entries makes those messages fall back to
 * English, as untranslated messages do everywhere else.
 */
(() => {
  "use strict";
  // doctools.js declares Documentation with const: a global, but not on window.
  const docs = typeof Documentation === "undefined" ? null : Documentation;
  if (!docs || !docs.TRANSLATIONS) return;
  for (const [message, translation] of Object.entries(docs.TRANSLATIONS)) {
    const forms = Array.isArray(translation) ? translation : [translation];
    if (forms.some((form) => typeof form !== "string" || form.trim() === "")) {
      delete docs.TRANSLATIONS[message];
    }
  }
})();
