import { useEffect, useState } from 'react';
import { ProjectLayout, useProject } from '../../components/ProjectLayout.jsx';
import { KeyPicker } from '../../components/KeyPicker.jsx';
import { ErrorNotice, Loading, Empty, PageTitle, Field } from '../../components/ui.jsx';
import { loadSchema, unwrap } from '../../lib/introspection.js';

function FieldList({ fields }) {
  return (
    <ul className="fields">
      {fields.map((f) => (
        <li key={f.name}>
          <code>{f.name}</code>: <code className="type">{unwrap(f.type)}</code>
          {f.isDeprecated && <span className="tag">deprecated{f.deprecationReason ? `: ${f.deprecationReason}` : ''}</span>}
          {f.description && <span className="desc"> — {f.description}</span>}
        </li>
      ))}
    </ul>
  );
}

function SchemaPage() {
  const { project } = useProject();
  const [key, setKey] = useState('');
  const [schema, setSchema] = useState(null);
  const [error, setError] = useState(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (!key) return;
    setSchema(null);
    setError(null);
    loadSchema(project.endpoints?.graphql, key).then(setSchema, setError);
  }, [key, project.endpoints?.graphql]);
  const tables = schema?.tables.filter((t) => t.name.toLowerCase().includes(filter.toLowerCase())) ?? [];
  return (
    <>
      <PageTitle>Schema</PageTitle>
      <p className="muted">What the API exposes for the key's role: tables, relations and functions, with the comments and smart tags your database declares.</p>
      <KeyPicker projectId={project.id} value={key} onChange={setKey} />
      {!key && <Empty title="Choose a key to read the schema" />}
      <ErrorNotice error={error} title="The schema could not be read" />
      {key && !schema && !error && <Loading label="Reading the schema…" />}
      {schema && (
        <>
          <p>{schema.tables.length} tables, {schema.functions.length} query functions, {schema.mutations.length} custom mutations{schema.hasSubscriptions ? ', subscriptions' : ''}.</p>
          <Field label="Filter tables">
            {(p) => <input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
          </Field>
          {tables.length === 0 && <Empty title="No tables match" />}
          {tables.map((t) => (
            <details key={t.name} className="schema-table">
              <summary><strong>{t.name}</strong> <span className="muted">{t.columns.length} columns, {t.relations.length} relations</span></summary>
              {t.description && <p>{t.description}</p>}
              <h3>Columns</h3>
              <FieldList fields={t.columns} />
              {t.relations.length > 0 && (<><h3>Relations</h3><FieldList fields={t.relations} /></>)}
            </details>
          ))}
          <h2>Functions</h2>
          {schema.functions.length ? <FieldList fields={schema.functions} /> : <p className="muted">None.</p>}
          <h2>Custom mutations</h2>
          {schema.mutations.length ? <FieldList fields={schema.mutations} /> : <p className="muted">None.</p>}
        </>
      )}
    </>
  );
}

export function Schema({ projectId }) {
  return <ProjectLayout projectId={projectId}><SchemaPage /></ProjectLayout>;
}
