// The stand-in's index: a small catalog, its results as Coveo shapes them, and facet values.

export const CATALOG = [
  { title: 'Trail running shoes', source: 'Catalog', filetype: 'html' },
  { title: 'Waterproof hiking jacket', source: 'Catalog', filetype: 'html' },
  { title: 'Returns and refunds policy', source: 'Help Center', filetype: 'html' },
  { title: 'How to size a backpack', source: 'Help Center', filetype: 'pdf' },
  { title: 'Agent playbook: damaged items', source: 'Agent Knowledge', filetype: 'html' },
  { title: 'Camping stove 2-burner', source: 'Catalog', filetype: 'html' },
  { title: 'Warranty claims', source: 'Help Center', filetype: 'html' },
  { title: 'Trail report: alpine loop', source: 'Community', filetype: 'html' },
  { title: 'Caring for down jackets', source: 'Blog', filetype: 'html' },
  { title: 'Camp kitchen checklist', source: 'Catalogue archive', filetype: 'pdf' },
];

export function visibleCatalog(pipeline) {
  // The public pipeline filters out agent-only content, as a real routing rule would.
  return pipeline === 'agent-pipeline' ? CATALOG : CATALOG.filter((d) => d.source !== 'Agent Knowledge');
}

export function makeResult(doc, i) {
  const slug = doc.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const uri = `https://shop.example.test/docs/${slug}`;
  const uniqueId = `42.${1000 + i}$${uri}`;
  return {
    title: doc.title,
    uri,
    printableUri: uri,
    clickUri: uri,
    uniqueId,
    excerpt: `${doc.title}: an excerpt from the test catalog.`,
    firstSentences: null,
    summary: null,
    flags: 'HasHtmlVersion',
    hasHtmlVersion: true,
    hasMobileHtmlVersion: false,
    score: 1000 - i * 10,
    percentScore: 100 - i,
    rankingInfo: null,
    rating: 3,
    isTopResult: false,
    isRecommendation: false,
    isUserActionView: false,
    rankingModifier: '',
    titleHighlights: [],
    firstSentencesHighlights: [],
    excerptHighlights: [],
    printableUriHighlights: [],
    summaryHighlights: [],
    absentTerms: [],
    parentResult: null,
    childResults: [],
    totalNumberOfChildResults: 0,
    raw: {
      urihash: `hash${i}`,
      permanentid: `perm${i}`,
      source: doc.source,
      sourcetype: 'Web',
      filetype: doc.filetype,
      date: 1_700_000_000_000 + i * 86_400_000,
      collection: 'default',
      language: ['English'],
    },
  };
}

export function facetValuesFor(docs, field) {
  const f = String(field || '').replace(/^@/, '');
  const counts = new Map();
  for (const d of docs) {
    const v = f === 'filetype' ? d.filetype : d.source;
    counts.set(v, (counts.get(v) || 0) + 1);
  }
  return [...counts.entries()];
}
