/* gazetteer.h — reference data from ontology/: persons, places,
 * organisations, roles and the trigger lexicon. */
#ifndef NIEUWSGRAAF_GAZETTEER_H
#define NIEUWSGRAAF_GAZETTEER_H

#include <glib.h>
#include "nieuwsgraaf/date.h"

G_BEGIN_DECLS

#define NG_GAZETTEER_ERROR (ng_gazetteer_error_quark ())
GQuark ng_gazetteer_error_quark (void);

typedef enum {
  NG_GAZETTEER_ERROR_IO,
  NG_GAZETTEER_ERROR_SYNTAX
} NgGazetteerError;

typedef enum {
  NG_ENTITY_PERSON,
  NG_ENTITY_PLACE,
  NG_ENTITY_ORGANISATION
} NgEntityKind;

typedef struct {
  char *key;          /* role key, e.g. "president" */
  char *country;      /* QID of the country the role belongs to, or NULL */
  NgDate from;        /* NONE when open */
  NgDate to;          /* NONE when ongoing */
} NgRole;

/* One reference entity.  Owned by the gazetteer; read-only for users. */
typedef struct {
  NgEntityKind kind;
  char *wikidata;        /* QID or NULL */
  char *name;            /* canonical name */
  GPtrArray *aliases;    /* char*, other names (not including name) */
  char *type;            /* places: country|city|region|building|site;
                            organisations: their type; persons: NULL */
  gboolean has_coords;
  double lat, lon;
  char *country;         /* QID of the country (places, organisations) */
  GPtrArray *adjectives; /* char*, places: Dutch adjectives */
  GPtrArray *roles;      /* NgRole*, persons */
} NgEntity;

/* A lexicon entry: KIND is e.g. "meeting", "sanction", "status",
 * "sanction-action"; PHRASE a lower-case word or phrase; VALUE its meaning. */
typedef struct {
  char *kind;
  char *phrase;
  char *value;
} NgLexEntry;

typedef struct NgGazetteer NgGazetteer;

/* Loads persons.tsv, places.tsv, organisations.tsv, roles.tsv and
 * lexicon.tsv from DIR.  Errors name file and line. */
NgGazetteer *ng_gazetteer_load (const char *dir, GError **error);

/* The reference data directory: $NG_DATA_DIR, else the installed pkgdatadir
 * when it exists, else the source tree's ontology/. */
const char *ng_gazetteer_default_dir (void);

void ng_gazetteer_free (NgGazetteer *gaz);

/* Lookup by name or alias, case- and diacritics-insensitive.  Returns the
 * entities (may be several for an ambiguous alias) or NULL. */
const GPtrArray *ng_gazetteer_lookup (const NgGazetteer *gaz, const char *name);

/* TRUE when some name, alias, role phrase or lexicon phrase starts with
 * WORD (normalised; only its first word counts).  Lets a matcher skip the
 * phrase lookups at most tokens. */
gboolean ng_gazetteer_starts_phrase (const NgGazetteer *gaz, const char *word);

/* The most words of a reference phrase starting with WORD, 0 for none. */
guint ng_gazetteer_phrase_width (const NgGazetteer *gaz, const char *word);

/* ng_gazetteer_lookup() and ng_gazetteer_role_for_noun() for a name
 * already normalised with ng_normalize_name() (e.g. ng_sentence_phrase()). */
const GPtrArray *ng_gazetteer_lookup_norm (const NgGazetteer *gaz, const char *norm);
const char *ng_gazetteer_role_for_norm (const NgGazetteer *gaz, const char *norm);

/* The phrase index: every name, alias, role noun and lexicon phrase as a
 * path of words.  A matcher interns each word once with
 * ng_gazetteer_word_id() (0: no reference phrase has it, so none can match
 * through it) and walks from NG_PHRASE_ROOT with ng_gazetteer_phrase_next()
 * (0: no phrase continues with that word; 0 stays 0).  The walk over the
 * words of a normalised phrase ends at the node whose
 * ng_gazetteer_phrase_entities() / _role() / _lexicon() are those of
 * ng_gazetteer_lookup_norm() / ng_gazetteer_role_for_norm() /
 * ng_gazetteer_lexicon_norm() for that phrase. */
#define NG_PHRASE_ROOT 1u
guint ng_gazetteer_word_id (const NgGazetteer *gaz, const char *word, gsize len);
guint ng_gazetteer_phrase_next (const NgGazetteer *gaz, guint node, guint word);
/* ng_gazetteer_phrase_width() of a word id. */
guint ng_gazetteer_word_width (const NgGazetteer *gaz, guint word);
const GPtrArray *ng_gazetteer_phrase_entities (const NgGazetteer *gaz, guint node);
const char *ng_gazetteer_phrase_role (const NgGazetteer *gaz, guint node);
const NgLexEntry *ng_gazetteer_phrase_lexicon (const NgGazetteer *gaz, guint node,
                                               const char *kind);

/* The language a word id is a function word of (lexicon kind
 * function-word, value nl or en): a word that belongs to one language only,
 * so that counting them tells a Dutch sentence from an English one. */
typedef enum {
  NG_WORD_LANG_NONE,
  NG_WORD_LANG_NL,
  NG_WORD_LANG_EN
} NgWordLanguage;
NgWordLanguage ng_gazetteer_word_language (const NgGazetteer *gaz, guint word);

/* Longest alias length in words, for windowed matching. */
guint ng_gazetteer_max_words (const NgGazetteer *gaz);

/* The country entities whose Dutch adjective is ADJ (normalised match). */
const NgEntity *ng_gazetteer_lookup_adjective (const NgGazetteer *gaz,
                                               const char *adj);

/* Lexicon: the entry for PHRASE (normalised) of KIND, or NULL. */
const NgLexEntry *ng_gazetteer_lexicon (const NgGazetteer *gaz,
                                        const char *kind, const char *phrase);

/* Like ng_gazetteer_lexicon() for a phrase already normalised with
 * ng_normalize_name() (token norms joined by spaces): no copy is made. */
const NgLexEntry *ng_gazetteer_lexicon_norm (const NgGazetteer *gaz,
                                             const char *kind, const char *norm);

/* All lexicon entries of KIND (NgLexEntry*), possibly empty. */
const GPtrArray *ng_gazetteer_lexicon_all (const NgGazetteer *gaz,
                                           const char *kind);

/* The entity with Wikidata id QID, or NULL. */
/* Whether a lexicon phrase of KIND of more than one word starts with the
 * normalised WORD. */
gboolean ng_gazetteer_lexicon_head (const NgGazetteer *gaz, const char *kind,
                                    const char *word);
const NgEntity *ng_gazetteer_by_wikidata (const NgGazetteer *gaz,
                                          const char *qid);

/* Role key for a Dutch role noun ("president", "leider" -> "leader"). */
const char *ng_gazetteer_role_for_noun (const NgGazetteer *gaz,
                                        const char *noun);

/* Every entity (NgEntity*), in file order. */
const GPtrArray *ng_gazetteer_entities (const NgGazetteer *gaz);

/* Number of entities of KIND. */
guint ng_gazetteer_count (const NgGazetteer *gaz, NgEntityKind kind);

/* Lower-cased, diacritics stripped, hyphens/dots as spaces, spaces squeezed.
 * Caller frees. */
char *ng_normalize_name (const char *name);

/* ng_normalize_name() of the LEN bytes at NAME written to OUT (room for
 * LEN + 1 bytes) when they are all ASCII: returns the length written, or -1
 * (OUT untouched) for any other text.  For callers that place it themselves. */
gssize ng_normalize_ascii (const char *name, gsize len, char *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgGazetteer, ng_gazetteer_free)

G_END_DECLS

#endif
