/* merge.h — from the article graphs to the merged graph: one node per real
 * person, place, organisation, meeting and sanction regime. */
#ifndef NIEUWSGRAAF_MERGE_H
#define NIEUWSGRAAF_MERGE_H

#include <glib.h>
#include <redland.h>

G_BEGIN_DECLS

typedef struct NgMerge NgMerge;

/* Collects article graphs, then writes the merged graph.  The result does not
 * depend on the order in which the articles are added. */
NgMerge *ng_merge_new (librdf_world *world);
void ng_merge_free (NgMerge *merge);

/* Adds one article graph given as N-Quads (all in one named graph).  NAME is
 * used in messages. */
gboolean ng_merge_add_nquads (NgMerge *merge, const char *name,
                              const char *text, GError **error);

/* The facts of one article graph (N-Quads, one named graph) that the merge
 * reads from it, as a compact text to keep for later builds: adding them
 * with ng_merge_add_facts is the same as adding the graph.  Caller frees.
 * NULL with ERROR when TEXT is not one article graph. */
char *ng_merge_facts_from_nquads (NgMerge *merge, const char *name,
                                  const char *text, GError **error);
/* The same with a raptor world of the caller's (one per thread: a raptor
 * world is not shared between threads). */
char *ng_merge_facts_parse (raptor_world *world, const char *name,
                            const char *text, GError **error);
gboolean ng_merge_add_facts (NgMerge *merge, const char *name,
                             const char *facts, gsize len, GError **error);

/* The two halves of an article's facts, which touch disjoint parts of the
 * merge: adding each half of the same facts on a thread of its own, the
 * articles in the same order on both, is the same as adding them whole. */
typedef enum {
  NG_MERGE_FACTS_PEOPLE = 1 << 0,   /* persons, places, organisations */
  NG_MERGE_FACTS_RECORDS = 1 << 1,  /* articles, sentences, meeting and sanction
                                       mentions */
  NG_MERGE_FACTS_ALL = NG_MERGE_FACTS_PEOPLE | NG_MERGE_FACTS_RECORDS
} NgMergeFactsPart;

gboolean ng_merge_add_facts_part (NgMerge *merge, const char *name,
                                  const char *facts, gsize len,
                                  NgMergeFactsPart part, GError **error);

/* Adds every context of ARTICLES as an article graph. */
void ng_merge_add_model (NgMerge *merge, librdf_model *articles);

/* Adds the merged graph of everything added so far to OUT. */
gboolean ng_merge_write (NgMerge *merge, librdf_model *out, GError **error);

/* A summary of a merged graph, node by node (per subject: a digest of its
 * statements and the predicates it uses), so that the next merge can touch
 * only the nodes that changed. */
typedef struct NgMergeNodes NgMergeNodes;
void ng_merge_nodes_free (NgMergeNodes *nodes);
guint ng_merge_nodes_size (const NgMergeNodes *nodes);
/* The statements of the graph summarised (each statement once). */
guint ng_merge_nodes_triples (const NgMergeNodes *nodes);
/* As text (appended to OUT), and back. */
void ng_merge_nodes_append (const NgMergeNodes *nodes, GString *out);
NgMergeNodes *ng_merge_nodes_parse (const char *text, gsize len, GError **error);

/* Makes OUT hold the merged graph of everything added so far, given that it
 * holds the graph OLD summarises (NULL: OUT is empty): statements are
 * removed and added only for the nodes that differ.  Returns the summary of
 * the new graph (caller frees) and in CHANGED (may be NULL) how many nodes
 * were written or removed; NULL with ERROR on failure. */
NgMergeNodes *ng_merge_write_delta (NgMerge *merge, librdf_model *out,
                                    const NgMergeNodes *old, guint *changed,
                                    GError **error);
/* As ng_merge_write_delta into an empty OUT, with a thread of its own
 * writing the sanctions, the meetings and a share of the articles and the
 * sentences into SIDE meanwhile: a model of SIDE_WORLD, another librdf
 * world than OUT's (a world serves one thread at a time), whose statements
 * the caller puts with OUT's.  Returns the summary of OUT's nodes and sets
 * *SIDE_NODES to that of SIDE's, which the caller joins to it
 * (ng_merge_nodes_join) when it needs one summary: on a thread that is
 * free, not between the writing and what follows it. */
NgMergeNodes *ng_merge_write_split (NgMerge *merge, librdf_model *out,
                                    librdf_world *side_world, librdf_model *side,
                                    NgMergeNodes **side_nodes, GError **error);
/* Moves FROM's node summaries into INTO and frees FROM; FALSE with ERROR
 * when a node is in both (each node is written whole by one writer). */
gboolean ng_merge_nodes_join (NgMergeNodes *into, NgMergeNodes *from, GError **error);

/* The state of a merged graph that lets a later merge recompute only what
 * changed articles touch: a Berkeley DB file written beside the graph.
 * _open with CREATE makes an empty one; NULL with ERROR when PATH cannot be
 * opened.  _close writes it out and frees it (NULL is fine); FALSE with
 * ERROR when something could not be written. */
typedef struct NgMergeState NgMergeState;
NgMergeState *ng_merge_state_open (const char *path, gboolean create, GError **error);
/* for lookups only, in a generation no longer written (the current one) */
NgMergeState *ng_merge_state_open_readonly (const char *path, GError **error);
gboolean ng_merge_state_close (NgMergeState *state, GError **error);
/* From now on, every record put or deleted is logged in RECORDS, and every
 * statement the incremental merge adds to or removes from the graph in
 * GRAPH (N-Quads, rdf-util.h's journal); both owned by the caller. */
void ng_merge_state_journal (NgMergeState *state, GString *records, GString *graph);
/* Puts and deletes the records a journal of RECORDS logged. */
gboolean ng_merge_state_replay (NgMergeState *state, const char *records, gsize len,
                                GError **error);
/* The statements of the merged graph it describes. */
guint64 ng_merge_state_triples (NgMergeState *state);
/* The merge facts of the article file KEY kept in the state (caller frees),
 * or NULL. */
char *ng_merge_state_get_facts (NgMergeState *state, const char *key, gsize *len);
void ng_merge_state_put_facts (NgMergeState *state, const char *key, const char *facts,
                               gsize len);

/* After ng_merge_write_delta (from scratch, NODES its result): records the
 * whole merge in STATE (created empty; the facts are put separately). */
gboolean ng_merge_state_fill (NgMergeState *state, NgMerge *merge,
                              const NgMergeNodes *nodes, GError **error);

/* One changed article file: its new facts, or NULL when it is gone. */
typedef struct {
  char *key;
  char *facts;
  gsize len;
} NgMergeChange;
void ng_merge_change_free (gpointer change);

/* Makes OUT, which holds the merged graph STATE describes, hold the merged
 * graph of the articles after CHANGES (NgMergeChange*), recomputing only
 * what the changed articles touch, and updates STATE.  The result is the
 * graph a merge from scratch gives.  FALSE with ERROR when it cannot (among
 * others NG_MERGE_ERROR_NEEDS_FULL: a change whose effects are not local);
 * OUT and STATE are then to be thrown away.  CHANGED: nodes written or
 * removed. */
#define NG_MERGE_ERROR (ng_merge_error_quark ())
GQuark ng_merge_error_quark (void);
typedef enum { NG_MERGE_ERROR_NEEDS_FULL } NgMergeError;
gboolean ng_merge_state_apply (NgMergeState *state, librdf_world *world, librdf_model *out,
                               GPtrArray *changes, guint *changed, GError **error);

/* Reads every statement of ARTICLES (a model with one context per article)
 * and adds the merged graph to OUT.  The result does not depend on the order
 * of the articles. */
gboolean ng_merge (librdf_world *world, librdf_model *articles,
                   librdf_model *out, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgMerge, ng_merge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgMergeNodes, ng_merge_nodes_free)

G_END_DECLS

#endif
