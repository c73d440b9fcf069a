/* view-graph.c — the two node/edge views of an NgView.  Every visualizer
 * writer renders one of these, so a format never decides on its own what a
 * node or an edge is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nieuwsgraaf/export.h"

/* The attribute tables: index i of a node's or edge's values is entry i. */
enum { NA_KIND, NA_IRI, NA_WIKIDATA, NA_MENTIONS, NA_MEETINGS, NA_DATE,
       NA_STATUS, NA_PLACE, NA_LATITUDE, NA_LONGITUDE, NA_N };
static const NgAttrDef node_attrs[] = {
  { "kind", NG_ATTR_STRING },
  { "iri", NG_ATTR_STRING },
  { "wikidata", NG_ATTR_STRING },
  { "mentions", NG_ATTR_INT },
  { "meetings", NG_ATTR_INT },
  { "date", NG_ATTR_STRING },
  { "status", NG_ATTR_STRING },
  { "place", NG_ATTR_STRING },
  { "latitude", NG_ATTR_DOUBLE },
  { "longitude", NG_ATTR_DOUBLE },
  { NULL, 0 }
};

enum { EA_KIND, EA_WEIGHT, EA_DATES, EA_PLACES, EA_MEETINGS, EA_ACTION,
       EA_FIRST, EA_LAST, EA_N };
static const NgAttrDef edge_attrs[] = {
  { "kind", NG_ATTR_STRING },
  { "weight", NG_ATTR_INT },
  { "dates", NG_ATTR_STRING },
  { "places", NG_ATTR_STRING },
  { "meetings", NG_ATTR_STRING },
  { "action", NG_ATTR_STRING },
  { "first", NG_ATTR_STRING },
  { "last", NG_ATTR_STRING },
  { NULL, 0 }
};

const NgAttrDef *ng_view_graph_node_attrs (void) { return node_attrs; }
const NgAttrDef *ng_view_graph_edge_attrs (void) { return edge_attrs; }

static void
spell_clear (gpointer p)
{
  NgSpell *s = p;
  g_free (s->start);
  g_free (s->end);
}

static GArray *
spells_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (NgSpell));
  g_array_set_clear_func (a, spell_clear);
  return a;
}

static void
add_spell (GArray *spells, const char *date)
{
  NgSpell s;
  if (ng_view_date_span (date, &s.start, &s.end))
    g_array_append_val (spells, s);
}

/* values are sparse (NULL = absent), so g_strfreev would stop early */
static void
values_free (char **values, int n)
{
  for (int i = 0; i < n; i++)
    g_free (values[i]);
  g_free (values);
}

static void
node_free (NgGraphNode *n)
{
  g_free (n->id);
  g_free (n->label);
  values_free (n->values, NA_N);
  g_array_unref (n->spells);
  g_free (n);
}

static void
edge_free (NgGraphEdge *e)
{
  g_free (e->id);
  g_free (e->kind);
  g_free (e->label);
  values_free (e->values, EA_N);
  g_array_unref (e->spells);
  g_ptr_array_unref (e->meetings);
  g_free (e);
}

void
ng_view_graph_free (NgViewGraph *g)
{
  if (g == NULL)
    return;
  g_ptr_array_unref (g->edges);
  g_ptr_array_unref (g->nodes);
  g_free (g);
}

static const char *
display_name (NgViewEntity *e)
{
  return e->name ? e->name : e->id;
}

/* "Ontmoeting 2021-06-16, Genève" */
static char *
meeting_label (NgViewEntity *m)
{
  GString *s = g_string_new ("Ontmoeting");
  if (m->date)
    g_string_append_printf (s, " %s", m->date);
  if (m->place)
    g_string_append_printf (s, "%s %s", m->date ? "," : "", display_name (m->place));
  return g_string_free (s, FALSE);
}

static char *
sanction_label (NgViewEntity *s)
{
  GString *l = g_string_new ("Sancties");
  if (s->target)
    g_string_append_printf (l, " tegen %s", display_name (s->target));
  if (s->imposer)
    g_string_append_printf (l, " (%s)", display_name (s->imposer));
  return g_string_free (l, FALSE);
}

static const char *
action_label (const char *action)
{
  static const char *const labels[][2] = {
    { "Impose", "legt sancties op" }, { "Lift", "heft sancties op" },
    { "Ease", "versoepelt sancties" }, { "Tighten", "verscherpt sancties" },
    { "DemandLift", "eist opheffing" }, { "RefuseLift", "weigert opheffing" },
    { "Threaten", "dreigt met sancties" },
  };
  for (guint i = 0; action && i < G_N_ELEMENTS (labels); i++)
    if (strcmp (action, labels[i][0]) == 0)
      return labels[i][1];
  return action ? action : "sancties";
}

/* An XML NMTOKEN from the entity's id (GraphML wants one), unique in G. */
static char *
node_id (GHashTable *used, const char *id)
{
  GString *s = g_string_new (NULL);
  for (const char *p = id; *p; p++)
    g_string_append_c (s, g_ascii_isalnum (*p) || strchr ("._-", *p) ? *p
                          : *p == '/' ? ':' : '_');
  for (int n = 2; g_hash_table_contains (used, s->str); n++)
    {
      if (n > 2)
        g_string_truncate (s, strrchr (s->str, '~') - s->str);
      g_string_append_printf (s, "~%d", n);
    }
  g_hash_table_add (used, g_strdup (s->str));
  return g_string_free (s, FALSE);
}

typedef struct {
  NgViewGraph *g;
  GHashTable *node_of;   /* NgViewEntity* → NgGraphNode* */
  GHashTable *used_ids;  /* char*, owned */
} Builder;

static NgGraphNode *
add_node (Builder *b, NgViewEntity *e)
{
  NgGraphNode *n = g_new0 (NgGraphNode, 1);

  n->id = node_id (b->used_ids, e->id);
  n->entity = e;
  n->kind = ng_view_kind_name (e->kind);
  n->values = g_new0 (char *, NA_N + 1);
  n->spells = spells_new ();
  n->values[NA_KIND] = g_strdup (n->kind);
  n->values[NA_IRI] = g_strdup (e->iri);
  n->values[NA_WIKIDATA] = g_strdup (e->wikidata);
  if (e->mention_count > 0)
    n->values[NA_MENTIONS] = g_strdup_printf ("%d", e->mention_count);
  if (e->has_coords)
    {
      n->values[NA_LATITUDE] = g_strdup_printf ("%.6f", e->latitude);
      n->values[NA_LONGITUDE] = g_strdup_printf ("%.6f", e->longitude);
    }
  switch (e->kind)
    {
    case NG_VIEW_KIND_MEETING:
      n->label = meeting_label (e);
      n->values[NA_DATE] = g_strdup (e->date);
      n->values[NA_STATUS] = g_strdup (e->status);
      n->values[NA_PLACE] = e->place ? g_strdup (display_name (e->place)) : NULL;
      add_spell (n->spells, e->date);
      break;
    case NG_VIEW_KIND_SANCTION:
      n->label = sanction_label (e);
      break;
    default:
      n->label = g_strdup (display_name (e));
    }
  g_ptr_array_add (b->g->nodes, n);
  g_hash_table_insert (b->node_of, e, n);
  return n;
}

static NgGraphEdge *
add_edge (Builder *b, NgViewEntity *from, NgViewEntity *to, const char *kind,
          const char *label)
{
  NgGraphNode *s = g_hash_table_lookup (b->node_of, from);
  NgGraphNode *t = g_hash_table_lookup (b->node_of, to);
  NgGraphEdge *e;

  if (s == NULL || t == NULL)
    return NULL;
  e = g_new0 (NgGraphEdge, 1);
  e->id = g_strdup_printf ("e%u", b->g->edges->len);
  e->source = s;
  e->target = t;
  e->kind = g_strdup (kind);
  e->label = g_strdup (label);
  e->weight = 1;
  e->values = g_new0 (char *, EA_N + 1);
  e->values[EA_KIND] = g_strdup (kind);
  e->values[EA_WEIGHT] = g_strdup ("1");
  e->spells = spells_new ();
  e->meetings = g_ptr_array_new ();
  g_ptr_array_add (b->g->edges, e);
  return e;
}

/* for g_ptr_array_sort, which hands over pointers to the elements */
static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Values summarising the meetings behind E (dates, places, ids). */
static void
summarise_meetings (NgGraphEdge *e)
{
  g_autoptr (GPtrArray) dates = g_ptr_array_new ();
  g_autoptr (GPtrArray) places = g_ptr_array_new ();
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < e->meetings->len; i++)
    {
      NgViewEntity *m = e->meetings->pdata[i];
      if (m->date)
        g_ptr_array_add (dates, m->date);
      if (m->place && !g_ptr_array_find_with_equal_func (places, display_name (m->place),
                                                         g_str_equal, NULL))
        g_ptr_array_add (places, (char *) display_name (m->place));
      g_ptr_array_add (ids, m->id);
      add_spell (e->spells, m->date);
    }
  g_ptr_array_sort (dates, cmp_str);
  g_ptr_array_add (dates, NULL);
  g_ptr_array_add (places, NULL);
  g_ptr_array_add (ids, NULL);
  e->weight = (int) e->meetings->len;
  g_free (e->values[EA_WEIGHT]);
  e->values[EA_WEIGHT] = g_strdup_printf ("%d", e->weight);
  if (dates->len > 1)
    {
      e->values[EA_DATES] = g_strjoinv ("; ", (char **) dates->pdata);
      e->values[EA_FIRST] = g_strdup (dates->pdata[0]);
      e->values[EA_LAST] = g_strdup (dates->pdata[dates->len - 2]);
    }
  if (places->len > 1)
    e->values[EA_PLACES] = g_strjoinv ("; ", (char **) places->pdata);
  e->values[EA_MEETINGS] = g_strjoinv ("; ", (char **) ids->pdata);
}

static void
build_people (Builder *b, NgView *view)
{
  GPtrArray *persons = ng_view_entities (view, NG_VIEW_KIND_PERSON);
  GPtrArray *meetings = ng_view_entities (view, NG_VIEW_KIND_MEETING);
  g_autoptr (GHashTable) pair = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < persons->len; i++)
    add_node (b, persons->pdata[i]);
  for (guint i = 0; i < meetings->len; i++)
    {
      NgViewEntity *m = meetings->pdata[i];
      for (guint j = 0; j < m->attendees->len; j++)
        {
          NgViewEntity *p = m->attendees->pdata[j];
          NgGraphNode *n = g_hash_table_lookup (b->node_of, p);
          int count;
          if (n == NULL)
            continue;   /* an organisation: not in this view */
          count = n->values[NA_MEETINGS] ? atoi (n->values[NA_MEETINGS]) : 0;
          g_free (n->values[NA_MEETINGS]);
          n->values[NA_MEETINGS] = g_strdup_printf ("%d", count + 1);
          for (guint k = j + 1; k < m->attendees->len; k++)
            {
              NgViewEntity *q = m->attendees->pdata[k];
              /* a pair is keyed in IRI order so A–B and B–A meet in one edge */
              NgViewEntity *x = strcmp (p->iri, q->iri) < 0 ? p : q;
              NgViewEntity *y = x == p ? q : p;
              g_autofree char *key = g_strconcat (x->iri, " ", y->iri, NULL);
              NgGraphEdge *e = g_hash_table_lookup (pair, key);
              if (e == NULL && (e = add_edge (b, x, y, "met", NULL)))
                g_hash_table_insert (pair, g_steal_pointer (&key), e);
              if (e)
                g_ptr_array_add (e->meetings, m);
            }
        }
    }
  for (guint i = 0; i < b->g->edges->len; i++)
    {
      NgGraphEdge *e = b->g->edges->pdata[i];
      summarise_meetings (e);
      e->label = e->weight == 1 ? g_strdup ("1 ontmoeting")
                                : g_strdup_printf ("%d ontmoetingen", e->weight);
    }
}

static void
build_full (Builder *b, NgView *view)
{
  static const NgViewKind kinds[] = { NG_VIEW_KIND_PERSON, NG_VIEW_KIND_ORG, NG_VIEW_KIND_PLACE,
                                        NG_VIEW_KIND_MEETING, NG_VIEW_KIND_SANCTION };
  GPtrArray *meetings = ng_view_entities (view, NG_VIEW_KIND_MEETING);
  GPtrArray *sanctions = ng_view_entities (view, NG_VIEW_KIND_SANCTION);
  GPtrArray *events = ng_view_entities (view, NG_VIEW_KIND_SANCTION_EVENT);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GPtrArray *all = ng_view_entities (view, kinds[k]);
      for (guint i = 0; i < all->len; i++)
        add_node (b, all->pdata[i]);
    }
  for (guint i = 0; i < meetings->len; i++)
    {
      NgViewEntity *m = meetings->pdata[i];
      NgGraphEdge *e;
      for (guint j = 0; j < m->attendees->len; j++)
        if ((e = add_edge (b, m, m->attendees->pdata[j], "attendee", "neemt deel")))
          g_ptr_array_add (e->meetings, m), summarise_meetings (e);
      if (m->place && (e = add_edge (b, m, m->place, "location", "plaats")))
        g_ptr_array_add (e->meetings, m), summarise_meetings (e);
    }
  for (guint i = 0; i < sanctions->len; i++)
    {
      NgViewEntity *s = sanctions->pdata[i];
      if (s->target)
        add_edge (b, s, s->target, "target", "tegen");
      if (s->imposer)
        add_edge (b, s, s->imposer, "imposer", "opgelegd door");
    }
  /* a sanction event is a deed of its actor on a regime: an edge, labelled
     with the action */
  for (guint i = 0; i < events->len; i++)
    {
      NgViewEntity *ev = events->pdata[i];
      NgGraphEdge *e;
      if (ev->actor && ev->sanction
          && (e = add_edge (b, ev->actor, ev->sanction, "sanction-action",
                            action_label (ev->action))))
        e->values[EA_ACTION] = g_strdup (ev->action);
    }
}

NgViewGraph *
ng_view_graph_new (NgView *view, NgViewMode mode)
{
  Builder b;

  g_return_val_if_fail (view != NULL, NULL);
  b.g = g_new0 (NgViewGraph, 1);
  b.g->mode = mode;
  b.g->directed = mode == NG_VIEW_FULL;
  b.g->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  b.g->edges = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
  b.node_of = g_hash_table_new (NULL, NULL);
  b.used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (mode == NG_VIEW_PEOPLE)
    build_people (&b, view);
  else
    build_full (&b, view);
  g_hash_table_unref (b.node_of);
  g_hash_table_unref (b.used_ids);
  return b.g;
}
