/* write-jsonld.c — compact JSON-LD of a graph (Raptor 2.0.15 has no JSON-LD
 * serializer).  One node object per subject, sorted by IRI, under "@graph",
 * with a context naming the contract terms; other IRIs are shortened with the
 * vocabulary's prefixes.  Written from the statements themselves (not the view
 * model), so every triple survives the round trip. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "nieuwsgraaf/export.h"
#include "nieuwsgraaf/vocab.h"
#include "../rdf-util.h"

typedef struct {
  const char *term;
  const char *iri;
  gboolean is_ref;    /* "@type": "@id": values are IRIs written as strings */
} Term;

/* The contract's classes and properties (CONTRACT.md), plus the provenance
 * terms every node carries. */
static const Term terms[] = {
  { "Person", NG_SCHEMA_PERSON, FALSE },
  { "Place", NG_SCHEMA_PLACE, FALSE },
  { "Country", NG_SCHEMA_COUNTRY, FALSE },
  { "City", NG_SCHEMA_CITY, FALSE },
  { "Organization", NG_SCHEMA_ORGANIZATION, FALSE },
  { "Meeting", NG_MEETING, FALSE },
  { "Sanction", NG_SANCTION, FALSE },
  { "SanctionEvent", NG_SANCTION_EVENT, FALSE },
  { "Article", NG_ARTICLE, FALSE },
  { "Sentence", NG_SENTENCE, FALSE },
  { "name", NG_SCHEMA_NAME, FALSE },
  { "alternateName", NG_SCHEMA_ALTERNATE_NAME, FALSE },
  { "attendee", NG_SCHEMA_ATTENDEE, TRUE },
  { "startDate", NG_SCHEMA_START_DATE, FALSE },
  { "location", NG_SCHEMA_LOCATION, TRUE },
  { "containedInPlace", NG_SCHEMA_CONTAINED_IN, TRUE },
  { "latitude", NG_SCHEMA_LATITUDE, FALSE },
  { "longitude", NG_SCHEMA_LONGITUDE, FALSE },
  { "target", NG_TARGET, TRUE },
  { "imposer", NG_IMPOSER, TRUE },
  { "actor", NG_ACTOR, TRUE },
  { "action", NG_ACTION, TRUE },
  { "sanction", NG_SANCTION_P, TRUE },
  { "status", NG_STATUS, TRUE },
  { "evidence", NG_EVIDENCE, TRUE },
  { "text", NG_TEXT, FALSE },
  { "inArticle", NG_IN_ARTICLE, TRUE },
  { "title", NG_DCT_TITLE, FALSE },
  { "sourceFile", NG_SOURCE_FILE, FALSE },
  { "mentionCount", NG_MENTION_COUNT, FALSE },
  { "wasDerivedFrom", NG_PROV_DERIVED_FROM, TRUE },
  { "sameAs", NG_OWL_SAME_AS, TRUE },
};

static const Term *
find_term (const char *iri)
{
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    if (strcmp (terms[i].iri, iri) == 0)
      return &terms[i];
  return NULL;
}

/* IRI shortened with the longest matching prefix ("id:person/Q7747"), or
 * as is; caller frees. */
static char *
compact (const char *iri)
{
  const char *best = NULL, *best_iri = "";

  for (const NgPrefix *p = ng_vocab_prefixes (); p->prefix; p++)
    if (g_str_has_prefix (iri, p->iri) && strlen (p->iri) > strlen (best_iri))
      best = p->prefix, best_iri = p->iri;
  if (g_str_has_prefix (iri, NG_ID_BASE) && strlen (NG_ID_BASE) > strlen (best_iri))
    best = "id", best_iri = NG_ID_BASE;
  /* "p:" alone or "p://…" would not read back as the same IRI */
  if (best && iri[strlen (best_iri)] != '\0' && !g_str_has_prefix (iri + strlen (best_iri), "//"))
    return g_strconcat (best, ":", iri + strlen (best_iri), NULL);
  return g_strdup (iri);
}

static char *
node_ref (librdf_node *n)
{
  if (librdf_node_is_blank (n))
    return g_strconcat ("_:", (const char *) librdf_node_get_blank_identifier (n), NULL);
  return compact (ng_node_iri (n));
}

static void
add_context (JsonBuilder *b)
{
  json_builder_set_member_name (b, "@context");
  json_builder_begin_object (b);
  for (const NgPrefix *p = ng_vocab_prefixes (); p->prefix; p++)
    {
      json_builder_set_member_name (b, p->prefix);
      json_builder_add_string_value (b, p->iri);
    }
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, NG_ID_BASE);
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autofree char *c = compact (terms[i].iri);
      json_builder_set_member_name (b, terms[i].term);
      if (!terms[i].is_ref)
        {
          json_builder_add_string_value (b, c);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "@id");
      json_builder_add_string_value (b, c);
      json_builder_set_member_name (b, "@type");
      json_builder_add_string_value (b, "@id");
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* An integer whose JSON number reads back with the same lexical form. */
static gboolean
canonical_integer (const char *lex, gint64 *value)
{
  char *end;
  g_autofree char *again = NULL;

  *value = g_ascii_strtoll (lex, &end, 10);
  if (*lex == '\0' || *end != '\0')
    return FALSE;
  again = g_strdup_printf ("%" G_GINT64_FORMAT, *value);
  return strcmp (again, lex) == 0;
}

static void
add_object (JsonBuilder *b, librdf_node *o, gboolean as_ref)
{
  const char *lex = ng_node_literal (o);
  const char *dt = ng_node_datatype (o);
  const char *lang;
  gint64 n;

  if (lex == NULL)
    {
      g_autofree char *ref = node_ref (o);
      if (as_ref)
        {
          json_builder_add_string_value (b, ref);
          return;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "@id");
      json_builder_add_string_value (b, ref);
      json_builder_end_object (b);
      return;
    }
  lang = librdf_node_get_literal_value_language (o);
  if (dt == NULL && (lang == NULL || *lang == '\0'))
    {
      json_builder_add_string_value (b, lex);
      return;
    }
  if (dt && strcmp (dt, NG_XSD_INTEGER) == 0 && canonical_integer (lex, &n))
    {
      json_builder_add_int_value (b, n);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@value");
  json_builder_add_string_value (b, lex);
  if (dt)
    {
      g_autofree char *c = compact (dt);
      json_builder_set_member_name (b, "@type");
      json_builder_add_string_value (b, c);
    }
  else
    {
      json_builder_set_member_name (b, "@language");
      json_builder_add_string_value (b, lang);
    }
  json_builder_end_object (b);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of TABLE in byte order (GLib 2.74 has no keys-as-GPtrArray). */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter it;
  gpointer k;

  g_hash_table_iter_init (&it, table);
  while (g_hash_table_iter_next (&it, &k, NULL))
    g_ptr_array_add (keys, k);
  g_ptr_array_sort (keys, cmp_str);
  return keys;
}

static void
add_values (JsonBuilder *b, GPtrArray *objects, gboolean as_ref)
{
  if (objects->len == 1)
    {
      add_object (b, objects->pdata[0], as_ref);
      return;
    }
  json_builder_begin_array (b);
  for (guint i = 0; i < objects->len; i++)
    add_object (b, objects->pdata[i], as_ref);
  json_builder_end_array (b);
}

static gboolean
all_refs (GPtrArray *objects)
{
  for (guint i = 0; i < objects->len; i++)
    if (librdf_node_is_literal (objects->pdata[i]))
      return FALSE;
  return TRUE;
}

/* One node object: "@id", "@type", then the properties in IRI order. */
static void
add_subject (JsonBuilder *b, const char *subject, GHashTable *props)
{
  g_autoptr (GPtrArray) preds = sorted_keys (props);
  GPtrArray *types = g_hash_table_lookup (props, NG_RDF_TYPE);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@id");
  json_builder_add_string_value (b, subject);
  if (types && all_refs (types))
    {
      json_builder_set_member_name (b, "@type");
      json_builder_begin_array (b);
      for (guint i = 0; i < types->len; i++)
        {
          const Term *t = find_term (ng_node_iri (types->pdata[i]));
          g_autofree char *ref = node_ref (types->pdata[i]);
          json_builder_add_string_value (b, t ? t->term : ref);
        }
      json_builder_end_array (b);
    }
  for (guint i = 0; i < preds->len; i++)
    {
      const char *p = preds->pdata[i];
      GPtrArray *objects = g_hash_table_lookup (props, p);
      const Term *t = find_term (p);
      gboolean refs = all_refs (objects);
      g_autofree char *key = NULL;

      if (objects == types && refs)
        continue;
      /* a term coerces its values; use it only for values it fits */
      if (t && (!t->is_ref || refs))
        key = g_strdup (t->term);
      else
        key = compact (p);
      json_builder_set_member_name (b, key);
      add_values (b, objects, t && t->is_ref && refs);
    }
  json_builder_end_object (b);
}

static void
free_props (gpointer p)
{
  g_hash_table_unref (p);
}

gboolean
ng_export_jsonld (librdf_model *model, GString *out, GError **error)
{
  g_autoptr (GHashTable) subjects = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                           g_free, free_props);
  g_autoptr (librdf_stream) st = librdf_model_as_stream (model);
  g_autoptr (GPtrArray) keys = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (st == NULL)
    {
      g_set_error (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_MODEL,
                   "cannot read the merged graph");
      return FALSE;
    }
  for (; !librdf_stream_end (st); librdf_stream_next (st))
    {
      librdf_statement *t = librdf_stream_get_object (st);
      g_autofree char *s = node_ref (librdf_statement_get_subject (t));
      const char *p = ng_node_iri (librdf_statement_get_predicate (t));
      GHashTable *props = g_hash_table_lookup (subjects, s);
      GPtrArray *objects;

      if (props == NULL)
        {
          props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
          g_hash_table_insert (subjects, g_strdup (s), props);
        }
      objects = g_hash_table_lookup (props, p);
      if (objects == NULL)
        {
          objects = g_ptr_array_new_with_free_func ((GDestroyNotify) librdf_free_node);
          g_hash_table_insert (props, g_strdup (p), objects);
        }
      /* the stream's statement is shared: keep a copy of its object */
      g_ptr_array_add (objects, librdf_new_node_from_node (librdf_statement_get_object (t)));
    }

  json_builder_begin_object (b);
  add_context (b);
  json_builder_set_member_name (b, "@graph");
  json_builder_begin_array (b);
  keys = sorted_keys (subjects);
  for (guint i = 0; i < keys->len; i++)
    add_subject (b, keys->pdata[i], g_hash_table_lookup (subjects, keys->pdata[i]));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
  return TRUE;
}
