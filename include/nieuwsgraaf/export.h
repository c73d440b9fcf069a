/* export.h — the merged graph as plain C values, and the writers that render
 * it for the tools people use (Gephi, Cytoscape, yEd, Graphviz, networkx, a
 * spreadsheet, a browser).
 *
 * Every visualizer export goes through one path:
 *
 *   merged librdf model ─► NgView (entities, once) ─► NgViewGraph (people or
 *   full) ─► graphml / gexf / dot / cytoscape / csv / html
 *
 * so node and edge counts agree across formats.  The RDF formats are written
 * from the model itself (ng_store_export; ng_export_jsonld for JSON-LD). */
#ifndef NIEUWSGRAAF_EXPORT_H
#define NIEUWSGRAAF_EXPORT_H

#include <glib.h>
#include <redland.h>

G_BEGIN_DECLS

#define NG_EXPORT_ERROR (ng_export_error_quark ())
GQuark ng_export_error_quark (void);

typedef enum {
  NG_EXPORT_ERROR_FILTER,    /* a bad --from/--to date or an unknown --person */
  NG_EXPORT_ERROR_FORMAT,    /* unknown format or view */
  NG_EXPORT_ERROR_MODEL,     /* the graph could not be read */
  NG_EXPORT_ERROR_RESOURCE   /* the built-in web assets are missing */
} NgExportError;

/* ------------------------------------------------------------ the view model */

typedef enum {
  NG_VIEW_KIND_PERSON,
  NG_VIEW_KIND_PLACE,
  NG_VIEW_KIND_ORG,
  NG_VIEW_KIND_MEETING,
  NG_VIEW_KIND_SANCTION,
  NG_VIEW_KIND_SANCTION_EVENT,
  NG_VIEW_N_KINDS
} NgViewKind;

typedef struct {
  char *iri;
  char *title;        /* dcterms:title, may be NULL */
  char *date;         /* dcterms:date, may be NULL */
  char *source_file;  /* ng:sourceFile, may be NULL */
} NgViewArticle;

typedef struct {
  char *iri;
  char *text;
  int index;               /* ng:sentenceIndex, -1 when absent */
  NgViewArticle *article;  /* borrowed, may be NULL */
} NgViewSentence;

typedef struct NgViewEntity NgViewEntity;
struct NgViewEntity
{
  NgViewKind kind;
  char *iri;
  char *id;              /* short stable id: the IRI without the id/ base */
  char *name;            /* schema:name; NULL for events */
  GPtrArray *alt_names;  /* char*, owned */
  char *wikidata;        /* owl:sameAs wd:…, the Q-id, may be NULL */
  int mention_count;
  gboolean has_coords;
  double latitude, longitude;
  GPtrArray *articles;   /* NgViewArticle*, borrowed: prov:wasDerivedFrom */
  GPtrArray *evidence;   /* NgViewSentence*, borrowed: ng:evidence */

  /* meetings */
  GPtrArray *attendees;  /* NgViewEntity*, borrowed (persons and organisations) */
  char *date;            /* lexical schema:startDate (YYYY[-MM[-DD]]), or NULL */
  NgViewEntity *place;       /* schema:location, borrowed, may be NULL */
  char *status;          /* local name of ng:status ("Held"…), may be NULL */

  /* sanction regimes */
  NgViewEntity *target, *imposer;   /* borrowed, may be NULL */

  /* sanction events */
  NgViewEntity *actor;       /* borrowed, may be NULL */
  char *action;          /* local name of ng:action ("Impose"…), may be NULL */
  NgViewEntity *sanction;    /* borrowed, may be NULL */
};

typedef struct {
  const char *from;     /* YYYY[-MM[-DD]]: meetings ending before are dropped */
  const char *to;       /* YYYY[-MM[-DD]]: meetings starting after are dropped */
  const char *person;   /* name, alternate name or IRI: that person's ego network */
} NgViewFilter;

typedef struct NgView NgView;

/* Reads the merged graph MODEL into a view, keeping what FILTER (may be NULL)
 * selects.  With a filter, meetings without a date fail a date filter, and
 * only entities linked to a kept meeting, sanction or event remain. */
NgView *ng_view_load (librdf_model *model, const NgViewFilter *filter,
                      GError **error);
void ng_view_free (NgView *view);

/* Entities of KIND, sorted by IRI; borrowed. */
GPtrArray *ng_view_entities (NgView *view, NgViewKind kind);
/* The entity with IRI, or NULL; borrowed. */
NgViewEntity *ng_view_lookup (NgView *view, const char *iri);

/* First and last day of a YYYY, YYYY-MM or YYYY-MM-DD date, as YYYY-MM-DD
 * (caller frees both); FALSE when DATE is not such a date. */
gboolean ng_view_date_span (const char *date, char **first, char **last);

/* "person", "place", "organisation", "meeting", "sanction", "sanction-event" */
const char *ng_view_kind_name (NgViewKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgView, ng_view_free)

/* ------------------------------------------------------ nodes and edges */

typedef enum {
  NG_VIEW_PEOPLE,  /* persons; an edge per pair who met, weight = meetings */
  NG_VIEW_FULL     /* persons, places, organisations, meetings, sanctions */
} NgViewMode;

typedef enum { NG_ATTR_STRING, NG_ATTR_INT, NG_ATTR_DOUBLE } NgAttrType;

/* KEY is the attribute's name in every format (GraphML attr.name, GEXF
 * title, Cytoscape.js data field), so a script reads the same keys from each. */
typedef struct {
  const char *key;
  NgAttrType type;
} NgAttrDef;

/* Node and edge attributes: NULL-key-terminated tables shared by every
 * writer, so each format carries the same keys. */
const NgAttrDef *ng_view_graph_node_attrs (void);
const NgAttrDef *ng_view_graph_edge_attrs (void);

typedef struct {
  char *start, *end;   /* YYYY-MM-DD, inclusive */
} NgSpell;

typedef struct {
  char *id;
  char *label;
  const char *kind;    /* ng_view_kind_name */
  NgViewEntity *entity;    /* borrowed */
  char **values;       /* one per ng_view_graph_node_attrs entry, NULL = absent */
  GArray *spells;      /* NgSpell: when the node is active (meetings) */
} NgGraphNode;

typedef struct {
  char *id;
  NgGraphNode *source, *target;   /* borrowed */
  char *kind;          /* "met", "attendee", "location", "target", "imposer",
                          "sanction-action" */
  char *label;
  int weight;
  char **values;       /* one per ng_view_graph_edge_attrs entry */
  GArray *spells;      /* NgSpell: dates of the meetings behind the edge */
  GPtrArray *meetings; /* NgViewEntity*, borrowed */
} NgGraphEdge;

typedef struct {
  NgViewMode mode;
  gboolean directed;
  GPtrArray *nodes;    /* NgGraphNode*, owned */
  GPtrArray *edges;    /* NgGraphEdge*, owned */
} NgViewGraph;

/* The nodes and edges of VIEW in MODE.  VIEW must outlive the graph. */
NgViewGraph *ng_view_graph_new (NgView *view, NgViewMode mode);
void ng_view_graph_free (NgViewGraph *graph);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgViewGraph, ng_view_graph_free)

/* ---------------------------------------------------------------- writers */

typedef enum {
  NG_EXPORT_GRAPHML,
  NG_EXPORT_GEXF,
  NG_EXPORT_DOT,
  NG_EXPORT_CYTOSCAPE,
  NG_EXPORT_CSV,
  NG_EXPORT_HTML
} NgExportFormat;

/* The visualizer format called NAME; FALSE when there is none. */
gboolean ng_export_format_from_name (const char *name, NgExportFormat *format);
gboolean ng_view_mode_from_name (const char *name, NgViewMode *mode);

/* Appends VIEW rendered as FORMAT in MODE to OUT.  CSV has one row per
 * meeting whatever MODE; HTML always shows the full view. */
gboolean ng_export_view (NgView *view, NgExportFormat format, NgViewMode mode,
                         GString *out, GError **error);

void ng_export_graphml (NgViewGraph *graph, GString *out);
void ng_export_gexf (NgViewGraph *graph, GString *out);
void ng_export_dot (NgViewGraph *graph, GString *out);
void ng_export_cytoscape (NgViewGraph *graph, GString *out);
void ng_export_csv (NgView *view, GString *out);
/* The self-contained HTML page (graph library, styles and data inlined). */
gboolean ng_export_html (NgView *view, GString *out, GError **error);

/* Compact JSON-LD of every statement of MODEL, with a context for the
 * contract terms. */
gboolean ng_export_jsonld (librdf_model *model, GString *out, GError **error);

G_END_DECLS

#endif
