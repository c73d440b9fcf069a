/* gazetteer.c — reference lists from ontology/ *.tsv. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nieuwsgraaf/gazetteer.h"

G_DEFINE_QUARK (ng-gazetteer-error-quark, ng_gazetteer_error)

struct NgGazetteer
{
  GPtrArray *entities;      /* NgEntity*, owned */
  GPtrArray *lexicon;       /* NgLexEntry*, owned */
  GHashTable *by_name;      /* normalised alias -> GPtrArray of NgEntity* */
  GHashTable *by_qid;       /* QID -> NgEntity* */
  GHashTable *by_adjective; /* normalised adjective -> NgEntity* */
  GHashTable *roles;        /* normalised noun -> role key (owned) */
  GHashTable *lex_by_key;   /* "kind\x1fphrase" -> NgLexEntry* */
  GHashTable *lex_by_kind;  /* kind -> GPtrArray of NgLexEntry* */
  GHashTable *lex_heads;    /* kind -> set of the first words of its phrases
                               of more than one word */
  GPtrArray *empty;
  GHashTable *lex_by_phrase; /* normalised phrase -> GPtrArray of NgLexEntry* */
  GHashTable *first_words;  /* first word of every name, role and lexicon
                               phrase: a quick "no phrase starts here" */
  guint max_words;
  guint counts[3];
  /* the phrase index (see ng_gazetteer_phrase_next) */
  GHashTable *word_ids;     /* word -> id (1-based) of every phrase word */
  GArray *widths;           /* guint by word id: most words of a phrase
                               starting with it, 0 for none */
  GArray *nodes;            /* PhraseNode by node id; 0 unused, 1 the root */
  guint64 *edge_keys;       /* open addressing: (node << 32 | word) -> */
  guint *edge_next;         /* the node after that word; key 0 is empty */
  gsize edge_mask;          /* table size - 1 (a power of two) */
  gsize n_edges;
  GArray *root_next;        /* guint by word id: the root's edges, the step
                               every walk takes, without hashing */
  GArray *languages;        /* guint8 NgWordLanguage by word id, from the
                               lexicon's function words */
};

/* What the phrase ending at a node of the phrase index is: borrowed from
 * the string-keyed tables, which stay the owners. */
typedef struct {
  GPtrArray *entities;      /* by_name value or NULL */
  const char *role;         /* roles value or NULL */
  GPtrArray *lex;           /* lex_by_phrase value or NULL */
} PhraseNode;

gssize
ng_normalize_ascii (const char *name, gsize len, char *out)
{
  char *q = out;
  gboolean space = TRUE;

  for (gsize i = 0; i < len; i++)
    if (name[i] & 0x80)
      return -1;
  for (gsize i = 0; i < len; i++)
    {
      char ch = name[i];
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'
          || ch == '-' || ch == '.' || ch == '_')
        {
          if (!space)
            *q++ = ' ';
          space = TRUE;
          continue;
        }
      *q++ = g_ascii_tolower (ch);
      space = FALSE;
    }
  if (q > out && q[-1] == ' ')
    q--;
  *q = '\0';
  return q - out;
}

char *
ng_normalize_name (const char *name)
{
  g_autofree char *nfkd = NULL;
  GString *out;
  gboolean space = TRUE;

  if (name == NULL)
    return NULL;
  /* ASCII is its own NFKD and has no marks: the common case of news text
     and of phrases built from normalised tokens, without the Unicode tables */
  {
    gsize len = strlen (name);
    char *o = g_malloc (len + 1);
    if (ng_normalize_ascii (name, len, o) >= 0)
      return o;
    g_free (o);
  }
  nfkd = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
  if (nfkd == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (nfkd));
  for (const char *p = nfkd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);
      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK
          || t == G_UNICODE_SPACING_MARK)
        continue;
      if (g_unichar_isspace (c) || c == '-' || c == '.' || c == '_'
          || (c >= 0x2010 && c <= 0x2015))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      if (c == 0x2019)  /* typographic apostrophe */
        c = '\'';
      g_string_append_unichar (out, g_unichar_tolower (c));
      space = FALSE;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
add_first_word (NgGazetteer *g, const char *norm)
{
  const char *sp = strchr (norm, ' ');
  char *w = sp ? g_strndup (norm, (gsize) (sp - norm)) : g_strdup (norm);
  guint words = 1, had;
  for (const char *p = norm; *p; p++)
    words += *p == ' ';
  had = GPOINTER_TO_UINT (g_hash_table_lookup (g->first_words, w));
  g_hash_table_replace (g->first_words, w, GUINT_TO_POINTER (MAX (had, words)));
}

guint
ng_gazetteer_phrase_width (const NgGazetteer *g, const char *word)
{
  const char *sp;
  if (g == NULL || word == NULL)
    return 0;
  sp = strchr (word, ' ');
  if (sp)
    {
      g_autofree char *w = g_strndup (word, (gsize) (sp - word));
      return GPOINTER_TO_UINT (g_hash_table_lookup (g->first_words, w));
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (g->first_words, word));
}

gboolean
ng_gazetteer_starts_phrase (const NgGazetteer *g, const char *word)
{
  return ng_gazetteer_phrase_width (g, word) > 0;
}

static void
role_free (gpointer p)
{
  NgRole *r = p;
  g_free (r->key);
  g_free (r->country);
  g_free (r);
}

static void
entity_free (gpointer p)
{
  NgEntity *e = p;
  g_free (e->wikidata);
  g_free (e->name);
  g_free (e->type);
  g_free (e->country);
  g_ptr_array_unref (e->aliases);
  g_ptr_array_unref (e->adjectives);
  g_ptr_array_unref (e->roles);
  g_free (e);
}

static void
lex_free (gpointer p)
{
  NgLexEntry *l = p;
  g_free (l->kind);
  g_free (l->phrase);
  g_free (l->value);
  g_free (l);
}

void
ng_gazetteer_free (NgGazetteer *g)
{
  if (g == NULL)
    return;
  g_hash_table_unref (g->by_name);
  g_hash_table_unref (g->by_qid);
  g_hash_table_unref (g->by_adjective);
  g_hash_table_unref (g->roles);
  g_hash_table_unref (g->lex_by_key);
  g_hash_table_unref (g->lex_by_kind);
  g_hash_table_unref (g->lex_heads);
  g_hash_table_unref (g->first_words);
  g_hash_table_unref (g->lex_by_phrase);
  g_ptr_array_unref (g->entities);
  g_ptr_array_unref (g->lexicon);
  g_ptr_array_unref (g->empty);
  if (g->word_ids)
    g_hash_table_unref (g->word_ids);
  if (g->widths)
    g_array_unref (g->widths);
  if (g->nodes)
    g_array_unref (g->nodes);
  g_free (g->edge_keys);
  g_free (g->edge_next);
  if (g->root_next)
    g_array_unref (g->root_next);
  if (g->languages)
    g_array_unref (g->languages);
  g_free (g);
}

/* The items of FIELD between the SEP characters, without the white space
 * around them; empty items are left out. */
static GPtrArray *
split_list (const char *field, char sep)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);
  const char *p = field;
  while (p && *p)
    {
      const char *end = strchr (p, sep);
      const char *stop = end ? end : p + strlen (p);
      while (p < stop && g_ascii_isspace (*p))
        p++;
      while (stop > p && g_ascii_isspace (stop[-1]))
        stop--;
      if (stop > p)
        g_ptr_array_add (a, g_strndup (p, (gsize) (stop - p)));
      p = end ? end + 1 : NULL;
    }
  return a;
}

static const char *
col (char **cols, guint n, guint i)
{
  if (i >= n)
    return "";
  return cols[i];
}

static void
index_name (NgGazetteer *g, const char *name, NgEntity *e)
{
  g_autofree char *key = ng_normalize_name (name);
  GPtrArray *list;
  guint words = 1;

  if (key == NULL || *key == '\0')
    return;
  for (const char *p = key; *p; p++)
    if (*p == ' ')
      words++;
  g->max_words = MAX (g->max_words, words);
  add_first_word (g, key);
  list = g_hash_table_lookup (g->by_name, key);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (g->by_name, g_steal_pointer (&key), list);
    }
  for (guint i = 0; i < list->len; i++)
    if (list->pdata[i] == e)
      return;
  g_ptr_array_add (list, e);
}

typedef gboolean (*RowFunc) (NgGazetteer *g, char **cols, guint ncols,
                             const char *where, GError **error);

/* The most columns a row function sees (more in a row are left out: none
 * of the files has more than eight). */
#define MAX_COLS 16

static gboolean
load_tsv (NgGazetteer *g, const char *dir, const char *file, RowFunc func,
          gboolean required, GError **error)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *data = NULL;
  g_autofree char *where = NULL;
  g_autoptr (GError) local = NULL;
  gsize len = 0, plen = strlen (path);
  const char *bad = NULL;
  char *line, *next;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      if (!required && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_IO,
                   "reference data: %s", local->message);
      return FALSE;
    }
  if (!g_utf8_validate_len (data, len, &bad))
    {
      guint at = 1;
      for (const char *c = data; c < bad; c++)
        at += *c == '\n';
      g_set_error (error, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX,
                   "%s:%u: not valid UTF-8 (byte %" G_GSIZE_FORMAT " of the file%s)",
                   path, at, (gsize) (bad - data) + 1, *bad ? "" : ", a NUL");
      return FALSE;
    }
  /* the lines and their columns are cut in place, and "PATH:LINE" for the
     messages gets only its number rewritten per line (every extract and
     build starts by loading these files: splitting them and allocating a
     message prefix per line were over a quarter of the loading) */
  where = g_malloc (plen + 2 + 3 * sizeof (guint));
  memcpy (where, path, plen);
  where[plen] = ':';
  line = data;
  for (guint i = 1; line; i++, line = next)
    {
      char *cols[MAX_COLS];
      guint n = 0;
      gsize ll;
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      ll = strlen (line);
      if (ll > 0 && line[ll - 1] == '\r')
        line[ll - 1] = '\0';
      if (line[0] == '\0' || line[0] == '#')
        continue;
      for (char *c = line; c && n < MAX_COLS; n++)
        {
          cols[n] = c;
          if ((c = strchr (c, '\t')))
            *c++ = '\0';
        }
      g_snprintf (where + plen + 1, 3 * sizeof (guint), "%u", i);
      if (!func (g, cols, n, where, error))
        return FALSE;
    }
  return TRUE;
}

static NgEntity *
entity_new (NgEntityKind kind, const char *qid, const char *name)
{
  NgEntity *e = g_new0 (NgEntity, 1);
  e->kind = kind;
  e->wikidata = *qid ? g_strdup (qid) : NULL;
  e->name = g_strdup (name);
  e->aliases = g_ptr_array_new_with_free_func (g_free);
  e->adjectives = g_ptr_array_new_with_free_func (g_free);
  e->roles = g_ptr_array_new_with_free_func (role_free);
  return e;
}

static gboolean
add_entity (NgGazetteer *g, NgEntity *e, const char *aliases,
            const char *where, GError **error)
{
  if (*e->name == '\0')
    {
      g_set_error (error, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX,
                   "%s: the name column is empty", where);
      entity_free (e);
      return FALSE;
    }
  if (e->wikidata && g_hash_table_contains (g->by_qid, e->wikidata))
    {
      g_set_error (error, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX,
                   "%s: Wikidata id %s is listed twice", where, e->wikidata);
      entity_free (e);
      return FALSE;
    }
  g_ptr_array_unref (e->aliases);
  e->aliases = split_list (aliases, '|');
  g_ptr_array_add (g->entities, e);
  if (e->wikidata)
    g_hash_table_insert (g->by_qid, e->wikidata, e);
  index_name (g, e->name, e);
  for (guint i = 0; i < e->aliases->len; i++)
    index_name (g, e->aliases->pdata[i], e);
  g->counts[e->kind]++;
  return TRUE;
}

static gboolean
parse_span_date (const char *s, NgDate *d, const char *where, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (*s == '\0')
    {
      d->precision = NG_DATE_NONE;
      return TRUE;
    }
  if (!ng_date_parse (s, d, &local))
    {
      g_set_error (error, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX,
                   "%s: role span: %s", where, local->message);
      return FALSE;
    }
  return TRUE;
}

/* persons.tsv: QID, name, aliases, roles (key@countryQID@FROM/TO;...) */
static gboolean
person_row (NgGazetteer *g, char **cols, guint n, const char *where,
            GError **error)
{
  NgEntity *e = entity_new (NG_ENTITY_PERSON, col (cols, n, 0), col (cols, n, 1));
  g_autoptr (GPtrArray) roles = split_list (col (cols, n, 3), ';');

  for (guint i = 0; i < roles->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (roles->pdata[i], "@", 3);
      NgRole *r = g_new0 (NgRole, 1);
      g_ptr_array_add (e->roles, r);
      r->key = g_strdup (g_strstrip (parts[0]));
      if (parts[1])
        r->country = *parts[1] ? g_strdup (parts[1]) : NULL;
      if (parts[1] && parts[2])
        {
          g_auto (GStrv) span = g_strsplit (parts[2], "/", 2);
          if (!parse_span_date (span[0], &r->from, where, error)
              || !parse_span_date (span[1] ? span[1] : "", &r->to, where, error))
            {
              entity_free (e);
              return FALSE;
            }
        }
    }
  return add_entity (g, e, col (cols, n, 2), where, error);
}

/* places.tsv: QID, name, aliases, type, lat, lon, country QID, adjectives */
static gboolean
place_row (NgGazetteer *g, char **cols, guint n, const char *where,
           GError **error)
{
  NgEntity *e = entity_new (NG_ENTITY_PLACE, col (cols, n, 0), col (cols, n, 1));
  const char *lat = col (cols, n, 4), *lon = col (cols, n, 5);

  e->type = g_strdup (*col (cols, n, 3) ? col (cols, n, 3) : "place");
  if (*lat && *lon)
    {
      char *end1, *end2;
      e->lat = g_ascii_strtod (lat, &end1);
      e->lon = g_ascii_strtod (lon, &end2);
      if (*end1 || *end2 || e->lat < -90 || e->lat > 90 || e->lon < -180
          || e->lon > 180)
        {
          g_set_error (error, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX,
                       "%s: bad coordinates “%s”, “%s”", where, lat, lon);
          entity_free (e);
          return FALSE;
        }
      e->has_coords = TRUE;
    }
  if (*col (cols, n, 6))
    e->country = g_strdup (col (cols, n, 6));
  g_ptr_array_unref (e->adjectives);
  e->adjectives = split_list (col (cols, n, 7), '|');
  if (!add_entity (g, e, col (cols, n, 2), where, error))
    return FALSE;
  for (guint i = 0; i < e->adjectives->len; i++)
    g_hash_table_insert (g->by_adjective,
                         ng_normalize_name (e->adjectives->pdata[i]), e);
  return TRUE;
}

/* organisations.tsv: QID, name, aliases, type, country QID */
static gboolean
org_row (NgGazetteer *g, char **cols, guint n, const char *where,
         GError **error)
{
  NgEntity *e = entity_new (NG_ENTITY_ORGANISATION, col (cols, n, 0),
                            col (cols, n, 1));
  e->type = g_strdup (col (cols, n, 3));
  if (*col (cols, n, 4))
    e->country = g_strdup (col (cols, n, 4));
  return add_entity (g, e, col (cols, n, 2), where, error);
}

/* roles.tsv: role key, nouns */
static gboolean
role_row (NgGazetteer *g, char **cols, guint n, const char *where,
          GError **error)
{
  g_autoptr (GPtrArray) nouns = split_list (col (cols, n, 1), '|');
  for (guint i = 0; i < nouns->len; i++)
    {
      char *key = ng_normalize_name (nouns->pdata[i]);
      add_first_word (g, key);
      g_hash_table_insert (g->roles, key, g_strdup (cols[0]));
    }
  return TRUE;
}

/* lexicon.tsv: kind, phrase, value */
static gboolean
lex_row (NgGazetteer *g, char **cols, guint n, const char *where,
         GError **error)
{
  NgLexEntry *l;
  GPtrArray *list;

  if (n < 2 || *cols[0] == '\0' || *cols[1] == '\0')
    {
      g_set_error (error, NG_GAZETTEER_ERROR, NG_GAZETTEER_ERROR_SYNTAX,
                   "%s: expected KIND<TAB>PHRASE[<TAB>VALUE]", where);
      return FALSE;
    }
  l = g_new0 (NgLexEntry, 1);
  l->kind = g_strdup (cols[0]);
  l->phrase = ng_normalize_name (cols[1]);
  l->value = g_strdup (col (cols, n, 2));
  g_ptr_array_add (g->lexicon, l);
  /* function words only tell a sentence's language: they get a word id
     (build_phrase_index) but start no phrase, so that the most frequent
     words of a text ("de", "het", "the") send no rule to the lexicon */
  if (strcmp (l->kind, "function-word") == 0)
    {
      list = g_hash_table_lookup (g->lex_by_kind, l->kind);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (g->lex_by_kind, g_strdup (l->kind), list);
        }
      g_ptr_array_add (list, l);
      return TRUE;
    }
  add_first_word (g, l->phrase);
  list = g_hash_table_lookup (g->lex_by_phrase, l->phrase);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (g->lex_by_phrase, l->phrase, list);
    }
  g_ptr_array_add (list, l);
  g_hash_table_insert (g->lex_by_key,
                       g_strconcat (l->kind, "\x1f", l->phrase, NULL), l);
  list = g_hash_table_lookup (g->lex_by_kind, l->kind);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (g->lex_by_kind, g_strdup (l->kind), list);
    }
  g_ptr_array_add (list, l);
  if (strchr (l->phrase, ' '))
    {
      GHashTable *heads = g_hash_table_lookup (g->lex_heads, l->kind);
      if (heads == NULL)
        {
          heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (g->lex_heads, g_strdup (l->kind), heads);
        }
      g_hash_table_add (heads, g_strndup (l->phrase, (gsize) (strchr (l->phrase, ' ') - l->phrase)));
    }
  return TRUE;
}

/* ------------------------------------------------------- phrase index
 *
 * Every name, alias, role noun and lexicon phrase is a path of word ids in a
 * trie.  A matcher interns each token's words once (ng_gazetteer_word_id)
 * and then walks the trie token by token: a few integer lookups per window
 * instead of a phrase string built, hashed and compared per window. */

static inline gsize
edge_slot (guint64 key, gsize mask)
{
  return (gsize) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & mask;
}

static void
edge_insert (NgGazetteer *g, guint64 key, guint next)
{
  gsize i;
  if ((g->n_edges + 1) * 2 > g->edge_mask + 1)
    {
      /* keep the table at most half full: short probe runs */
      gsize old = g->edge_keys ? g->edge_mask + 1 : 0;
      guint64 *keys = g->edge_keys;
      guint *vals = g->edge_next;
      g->edge_mask = old ? old * 2 - 1 : 1023;
      g->edge_keys = g_new0 (guint64, g->edge_mask + 1);
      g->edge_next = g_new0 (guint, g->edge_mask + 1);
      g->n_edges = 0;
      for (gsize k = 0; k < old; k++)
        if (keys[k])
          edge_insert (g, keys[k], vals[k]);
      g_free (keys);
      g_free (vals);
    }
  for (i = edge_slot (key, g->edge_mask); g->edge_keys[i]; i = (i + 1) & g->edge_mask)
    ;
  g->edge_keys[i] = key;
  g->edge_next[i] = next;
  g->n_edges++;
}

guint
ng_gazetteer_phrase_next (const NgGazetteer *g, guint node, guint word)
{
  guint64 key;
  if (node == 0 || word == 0 || g->edge_keys == NULL)
    return 0;
  if (node == NG_PHRASE_ROOT && g->root_next)
    return word < g->root_next->len ? g_array_index (g->root_next, guint, word) : 0;
  key = (guint64) node << 32 | word;
  for (gsize i = edge_slot (key, g->edge_mask); g->edge_keys[i];
       i = (i + 1) & g->edge_mask)
    if (g->edge_keys[i] == key)
      return g->edge_next[i];
  return 0;
}

guint
ng_gazetteer_word_id (const NgGazetteer *g, const char *word, gsize len)
{
  char buf[64];
  char *key = len < sizeof buf ? buf : g_malloc (len + 1);
  guint id;
  memcpy (key, word, len);
  key[len] = '\0';
  id = GPOINTER_TO_UINT (g_hash_table_lookup (g->word_ids, key));
  if (key != buf)
    g_free (key);
  return id;
}

guint
ng_gazetteer_word_width (const NgGazetteer *g, guint word)
{
  return word && word < g->widths->len ? g_array_index (g->widths, guint, word) : 0;
}

/* The node of phrase NORM, made when missing. */
static PhraseNode *
index_phrase (NgGazetteer *g, const char *norm)
{
  guint node = NG_PHRASE_ROOT, depth = 0, first = 0;
  const char *p = norm;

  while (*p)
    {
      const char *sp = strchr (p, ' ');
      gsize len = sp ? (gsize) (sp - p) : strlen (p);
      guint word = ng_gazetteer_word_id (g, p, len), next;
      if (word == 0)
        {
          word = g_hash_table_size (g->word_ids) + 1;
          g_hash_table_insert (g->word_ids, g_strndup (p, len), GUINT_TO_POINTER (word));
          g_array_set_size (g->widths, word + 1);
        }
      if (depth++ == 0)
        first = word;
      next = ng_gazetteer_phrase_next (g, node, word);
      if (next == 0)
        {
          next = g->nodes->len;
          g_array_set_size (g->nodes, next + 1);
          edge_insert (g, (guint64) node << 32 | word, next);
        }
      node = next;
      p += len;
      while (*p == ' ')
        p++;
    }
  if (first)
    {
      guint *w = &g_array_index (g->widths, guint, first);
      *w = MAX (*w, depth);
    }
  return &g_array_index (g->nodes, PhraseNode, node);
}

static void
build_phrase_index (NgGazetteer *g)
{
  GHashTableIter it;
  gpointer k, v;

  g->word_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->widths = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (g->widths, 1);
  g->nodes = g_array_new (FALSE, TRUE, sizeof (PhraseNode));
  g_array_set_size (g->nodes, NG_PHRASE_ROOT + 1);
  g_hash_table_iter_init (&it, g->by_name);
  while (g_hash_table_iter_next (&it, &k, &v))
    index_phrase (g, k)->entities = v;
  g_hash_table_iter_init (&it, g->roles);
  while (g_hash_table_iter_next (&it, &k, &v))
    index_phrase (g, k)->role = v;
  g_hash_table_iter_init (&it, g->lex_by_phrase);
  while (g_hash_table_iter_next (&it, &k, &v))
    index_phrase (g, k)->lex = v;
  /* the root's edges as an array (built last: index_phrase walks with the
     table while this is NULL) */
  {
    GArray *root = g_array_new (FALSE, TRUE, sizeof (guint));
    g_array_set_size (root, g->widths->len);
    for (guint w = 1; w < g->widths->len; w++)
      g_array_index (root, guint, w) = ng_gazetteer_phrase_next (g, NG_PHRASE_ROOT, w);
    g->root_next = root;
  }
  /* function words (lexicon kind function-word, value nl|en): one byte per
     word id, so that telling a sentence's language costs an array read per
     token of words interned anyway */
  {
    const GPtrArray *fw = g_hash_table_lookup (g->lex_by_kind, "function-word");
    g->languages = g_array_new (FALSE, TRUE, sizeof (guint8));
    g_array_set_size (g->languages, g->widths->len);
    for (guint i = 0; fw && i < fw->len; i++)
      {
        const NgLexEntry *l = fw->pdata[i];
        guint word;
        if (strchr (l->phrase, ' ') || *l->phrase == '\0')
          continue;
        word = ng_gazetteer_word_id (g, l->phrase, strlen (l->phrase));
        if (word == 0)
          {
            /* a word of no phrase: an id of its own, width 0 */
            word = g_hash_table_size (g->word_ids) + 1;
            g_hash_table_insert (g->word_ids, g_strdup (l->phrase), GUINT_TO_POINTER (word));
            g_array_set_size (g->widths, word + 1);
            g_array_set_size (g->root_next, word + 1);
            g_array_set_size (g->languages, word + 1);
          }
        g_array_index (g->languages, guint8, word)
            = g_strcmp0 (l->value, "en") == 0 ? NG_WORD_LANG_EN
              : g_strcmp0 (l->value, "nl") == 0 ? NG_WORD_LANG_NL : NG_WORD_LANG_NONE;
      }
  }
}

NgWordLanguage
ng_gazetteer_word_language (const NgGazetteer *g, guint word)
{
  return g && g->languages && word && word < g->languages->len
         ? (NgWordLanguage) g_array_index (g->languages, guint8, word) : NG_WORD_LANG_NONE;
}

const GPtrArray *
ng_gazetteer_phrase_entities (const NgGazetteer *g, guint node)
{
  return node && node < g->nodes->len
         ? g_array_index (g->nodes, PhraseNode, node).entities : NULL;
}

const char *
ng_gazetteer_phrase_role (const NgGazetteer *g, guint node)
{
  return node && node < g->nodes->len
         ? g_array_index (g->nodes, PhraseNode, node).role : NULL;
}

const NgLexEntry *
ng_gazetteer_phrase_lexicon (const NgGazetteer *g, guint node, const char *kind)
{
  const GPtrArray *list = node && node < g->nodes->len
                          ? g_array_index (g->nodes, PhraseNode, node).lex : NULL;
  const NgLexEntry *found = NULL;
  /* the last entry of KIND wins, as with the kind+phrase table */
  for (guint i = 0; list && i < list->len; i++)
    {
      const NgLexEntry *l = list->pdata[i];
      if (l->kind[0] == kind[0] && strcmp (l->kind, kind) == 0)
        found = l;
    }
  return found;
}

NgGazetteer *
ng_gazetteer_load (const char *dir, GError **error)
{
  g_autoptr (NgGazetteer) g = g_new0 (NgGazetteer, 1);

  g_return_val_if_fail (dir != NULL, NULL);

  g->entities = g_ptr_array_new_with_free_func (entity_free);
  g->lexicon = g_ptr_array_new_with_free_func (lex_free);
  g->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  g->by_qid = g_hash_table_new (g_str_hash, g_str_equal);
  g->by_adjective = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g->lex_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->lex_by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  g->lex_heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  g->empty = g_ptr_array_new ();
  g->first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->lex_by_phrase = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) g_ptr_array_unref);

  if (!load_tsv (g, dir, "persons.tsv", person_row, TRUE, error)
      || !load_tsv (g, dir, "places.tsv", place_row, TRUE, error)
      || !load_tsv (g, dir, "organisations.tsv", org_row, FALSE, error)
      || !load_tsv (g, dir, "roles.tsv", role_row, FALSE, error)
      || !load_tsv (g, dir, "lexicon.tsv", lex_row, FALSE, error))
    return NULL;
  build_phrase_index (g);
  return g_steal_pointer (&g);
}

const char *
ng_gazetteer_default_dir (void)
{
  const char *env = g_getenv ("NG_DATA_DIR");
  if (env && *env)
    return env;
  if (g_file_test (NG_PKGDATADIR "/persons.tsv", G_FILE_TEST_EXISTS))
    return NG_PKGDATADIR;
  return NG_SRCDATADIR;
}

const GPtrArray *
ng_gazetteer_lookup (const NgGazetteer *g, const char *name)
{
  g_autofree char *key = ng_normalize_name (name);
  return g_hash_table_lookup (g->by_name, key);
}

const GPtrArray *
ng_gazetteer_lookup_norm (const NgGazetteer *g, const char *norm)
{
  return norm ? g_hash_table_lookup (g->by_name, norm) : NULL;
}

const char *
ng_gazetteer_role_for_norm (const NgGazetteer *g, const char *norm)
{
  return norm ? g_hash_table_lookup (g->roles, norm) : NULL;
}

guint
ng_gazetteer_max_words (const NgGazetteer *g)
{
  return g->max_words;
}

const NgEntity *
ng_gazetteer_lookup_adjective (const NgGazetteer *g, const char *adj)
{
  g_autofree char *key = ng_normalize_name (adj);
  return g_hash_table_lookup (g->by_adjective, key);
}

/* TRUE when ng_normalize_name (S) is S: lower-case ASCII words, no
 * separators to squeeze (the rules mostly ask with a token's norm). */
static gboolean
is_normalized_word (const char *s)
{
  for (; *s; s++)
    if ((*s & 0x80) || g_ascii_isupper (*s) || g_ascii_isspace (*s)
        || *s == '-' || *s == '.' || *s == '_')
      return FALSE;
  return TRUE;
}

const NgLexEntry *
ng_gazetteer_lexicon (const NgGazetteer *g, const char *kind,
                      const char *phrase)
{
  g_autofree char *norm = NULL;
  if (phrase && is_normalized_word (phrase))
    return ng_gazetteer_lexicon_norm (g, kind, phrase);
  norm = ng_normalize_name (phrase);
  g_autofree char *key = g_strconcat (kind, "\x1f", norm, NULL);
  return g_hash_table_lookup (g->lex_by_key, key);
}

const NgLexEntry *
ng_gazetteer_lexicon_norm (const NgGazetteer *g, const char *kind,
                           const char *norm)
{
  const GPtrArray *list = norm ? g_hash_table_lookup (g->lex_by_phrase, norm) : NULL;
  const NgLexEntry *found = NULL;
  /* the last entry of KIND wins, as with the kind+phrase table */
  for (guint i = 0; list && i < list->len; i++)
    {
      const NgLexEntry *l = list->pdata[i];
      if (strcmp (l->kind, kind) == 0)
        found = l;
    }
  return found;
}

const GPtrArray *
ng_gazetteer_lexicon_all (const NgGazetteer *g, const char *kind)
{
  GPtrArray *list = g_hash_table_lookup (g->lex_by_kind, kind);
  return list ? list : g->empty;
}

gboolean
ng_gazetteer_lexicon_head (const NgGazetteer *g, const char *kind, const char *word)
{
  GHashTable *heads = g_hash_table_lookup (g->lex_heads, kind);
  return heads && g_hash_table_contains (heads, word);
}

const NgEntity *
ng_gazetteer_by_wikidata (const NgGazetteer *g, const char *qid)
{
  return qid ? g_hash_table_lookup (g->by_qid, qid) : NULL;
}

const char *
ng_gazetteer_role_for_noun (const NgGazetteer *g, const char *noun)
{
  g_autofree char *key = ng_normalize_name (noun);
  return g_hash_table_lookup (g->roles, key);
}

guint
ng_gazetteer_count (const NgGazetteer *g, NgEntityKind kind)
{
  return g->counts[kind];
}

const GPtrArray *
ng_gazetteer_entities (const NgGazetteer *g)
{
  return g->entities;
}
