/* write-html.c — the visual view as one self-contained HTML page: the
 * template, styles, script and the Cytoscape.js library (installed by npm at
 * build time) come from resources compiled into the library, the data is the
 * full view of the NgView plus the facts and evidence of every node. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nieuwsgraaf/export.h"
#include "export-util.h"

#define NG_WEB_RESOURCE "/org/nieuwsgraaf/web/"

static GBytes *
asset (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat (NG_WEB_RESOURCE, name, NULL);
  g_autoptr (GError) local = NULL;
  GBytes *b = g_resource_lookup_data (ng_web_get_resource (), path,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
  if (b == NULL)
    g_set_error (error, NG_EXPORT_ERROR, NG_EXPORT_ERROR_RESOURCE,
                 "the built-in web asset %s is missing: %s", name, local->message);
  return b;
}

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static const char *
name_of (NgViewEntity *e)
{
  return e->name ? e->name : e->id;
}

/* Adds SENTENCES not yet in SEEN to OUT, so a person's evidence lists each
 * sentence once however many of their meetings it supports. */
static void
collect_evidence (GPtrArray *out, GHashTable *seen, GPtrArray *sentences)
{
  for (guint i = 0; i < sentences->len; i++)
    if (g_hash_table_add (seen, sentences->pdata[i]))
      g_ptr_array_add (out, sentences->pdata[i]);
}

static void
add_evidence (JsonBuilder *b, GPtrArray *sentences)
{
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  for (guint i = 0; i < sentences->len; i++)
    {
      NgViewSentence *s = sentences->pdata[i];
      json_builder_begin_object (b);
      add_string (b, "text", s->text);
      if (s->article)
        {
          add_string (b, "article", s->article->iri);
          add_string (b, "title", s->article->title);
          add_string (b, "file", s->article->source_file);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_articles (JsonBuilder *b, GPtrArray *articles)
{
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint i = 0; i < articles->len; i++)
    {
      NgViewArticle *a = articles->pdata[i];
      json_builder_begin_object (b);
      add_string (b, "iri", a->iri);
      add_string (b, "title", a->title);
      add_string (b, "date", a->date);
      add_string (b, "file", a->source_file);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_names (JsonBuilder *b, const char *key, GPtrArray *entities)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < entities->len; i++)
    json_builder_add_string_value (b, name_of (entities->pdata[i]));
  json_builder_end_array (b);
}

/* The facts of node N's entity: what the panel shows on a click. */
static void
add_details (JsonBuilder *b, NgView *view, NgGraphNode *n)
{
  NgViewEntity *e = n->entity;
  GPtrArray *meetings = ng_view_entities (view, NG_VIEW_KIND_MEETING);
  GPtrArray *events = ng_view_entities (view, NG_VIEW_KIND_SANCTION_EVENT);
  g_autoptr (GPtrArray) evidence = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  int n_meetings = 0;

  json_builder_set_member_name (b, n->id);
  json_builder_begin_object (b);
  add_string (b, "iri", e->iri);
  add_string (b, "kind", n->kind);
  add_string (b, "wikidata", e->wikidata);
  if (e->mention_count)
    {
      json_builder_set_member_name (b, "mentions");
      json_builder_add_int_value (b, e->mention_count);
    }
  if (e->alt_names->len)
    {
      json_builder_set_member_name (b, "alternateNames");
      json_builder_begin_array (b);
      for (guint i = 0; i < e->alt_names->len; i++)
        json_builder_add_string_value (b, e->alt_names->pdata[i]);
      json_builder_end_array (b);
    }
  add_string (b, "date", e->date);
  add_string (b, "status", e->status);
  if (e->place)
    add_string (b, "place", name_of (e->place));
  if (e->kind == NG_VIEW_KIND_MEETING)
    add_names (b, "attendees", e->attendees);
  if (e->target)
    add_string (b, "target", name_of (e->target));
  if (e->imposer)
    add_string (b, "imposer", name_of (e->imposer));

  collect_evidence (evidence, seen, e->evidence);
  for (guint i = 0; i < meetings->len; i++)
    {
      NgViewEntity *m = meetings->pdata[i];
      if (g_ptr_array_find (m->attendees, e, NULL) || m->place == e)
        {
          n_meetings++;
          collect_evidence (evidence, seen, m->evidence);
        }
    }
  for (guint i = 0; i < events->len; i++)
    {
      NgViewEntity *ev = events->pdata[i];
      if (ev->actor != e && ev->sanction != e)
        continue;
      collect_evidence (evidence, seen, ev->evidence);
      g_ptr_array_add (actions, g_strdup_printf ("%s: %s",
                                                 ev->actor ? name_of (ev->actor) : "?",
                                                 ev->action ? ev->action : "?"));
    }
  if (e->kind != NG_VIEW_KIND_MEETING && e->kind != NG_VIEW_KIND_SANCTION)
    {
      json_builder_set_member_name (b, "meetings");
      json_builder_add_int_value (b, n_meetings);
    }
  if (actions->len)
    {
      json_builder_set_member_name (b, "actions");
      json_builder_begin_array (b);
      for (guint i = 0; i < actions->len; i++)
        json_builder_add_string_value (b, actions->pdata[i]);
      json_builder_end_array (b);
    }
  add_evidence (b, evidence);
  add_articles (b, e->articles);
  json_builder_end_object (b);
}

static char *
page_data (NgView *view)
{
  static const char *const kinds[] = { "person", "organisation", "place", "meeting", "sanction" };
  g_autoptr (NgViewGraph) g = ng_view_graph_new (view, NG_VIEW_FULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "graph");
  json_builder_add_value (b, ng_export_cytoscape_node (g));
  json_builder_set_member_name (b, "details");
  json_builder_begin_object (b);
  for (guint i = 0; i < g->nodes->len; i++)
    add_details (b, view, g->nodes->pdata[i]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "colours");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    add_string (b, kinds[i], ng_kind_colour (kinds[i]));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "titles");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    add_string (b, kinds[i], ng_kind_title (kinds[i]));
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Appends TEXT for inlining into a <script> element with every NEEDLE
 * (which starts with "</") written "<\/…": "</script>" would end the
 * element early.  In JSON strings "<\/" means "</", so the data gets
 * NEEDLE "</"; in scripts only "</script" is rewritten, which appears in
 * JavaScript, if at all, inside strings, where "<\/" means the same. */
static void
append_inline (GString *out, const char *text, gsize len, const char *needle)
{
  const char *p = text, *end = text + len, *hit;
  while ((hit = g_strstr_len (p, end - p, needle)))
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, "<\\/");
      g_string_append (out, needle + 2);
      p = hit + strlen (needle);
    }
  g_string_append_len (out, p, end - p);
}

gboolean
ng_export_html (NgView *view, GString *out, GError **error)
{
  static const char *const slots[] = { "@NG_CSS@", "@NG_DATA@", "@NG_LIB@", "@NG_APP@" };
  g_autoptr (GBytes) page = asset ("graph.html", error);
  g_autoptr (GBytes) css = page ? asset ("graph.css", error) : NULL;
  g_autoptr (GBytes) lib = css ? asset ("cytoscape.min.js", error) : NULL;
  g_autoptr (GBytes) app = lib ? asset ("graph.js", error) : NULL;
  g_autofree char *data = NULL;
  const char *p, *end;
  gsize len;

  if (app == NULL)
    return FALSE;
  data = page_data (view);
  p = g_bytes_get_data (page, &len);
  end = p + len;
  /* the template is filled in one pass, so nothing inserted is ever
     searched for slots itself */
  while (p < end)
    {
      const char *next = NULL;
      guint which = 0;
      for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
        {
          const char *hit = g_strstr_len (p, end - p, slots[i]);
          if (hit && (next == NULL || hit < next))
            next = hit, which = i;
        }
      if (next == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, next - p);
      switch (which)
        {
        case 0:
          g_string_append_len (out, g_bytes_get_data (css, NULL), g_bytes_get_size (css));
          break;
        case 1:
          append_inline (out, data, strlen (data), "</");
          break;
        case 2:
          append_inline (out, g_bytes_get_data (lib, NULL), g_bytes_get_size (lib), "</script");
          break;
        default:
          append_inline (out, g_bytes_get_data (app, NULL), g_bytes_get_size (app), "</script");
        }
      p = next + strlen (slots[which]);
    }
  return TRUE;
}
