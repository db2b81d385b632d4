package htmlview

// pageTemplates are the html/template definitions of a page. "head" opens the
// page and its <main>; "section" is a document, "error" an error record,
// "index" the list of a directory's pages, "empty" a page without documents;
// "tail" closes <main>, adds the table of contents when given one, and ends
// the page. The article's HTML is built by articleHTML, which escapes the text.
const pageTemplates = `
{{- define "head" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="quidit">
<title>{{.Title}}</title>
<style>{{css}}</style>
</head>
<body{{if .Multi}} class="multi"{{end}}>
<header class="top">
{{- if .Back}}<a class="back" href="{{.Back}}">← all documents</a>{{end}}
<span class="brand">quidit</span>
<ul class="legend" aria-label="Legend">
{{- range .Legend}}
<li><span class="m {{.Class}}" data-type="{{.Type}}">{{.Type}}<span class="lbl" data-label="{{.Label}}"></span></span></li>
{{- end}}
<li><span class="quote">quote</span><span class="said-by" data-speaker="speaker"></span></li>
<li><span class="quote">quote</span><span class="said-by unknown" data-speaker="speaker unknown"></span></li>
<li><span class="cue">cue</span></li>
<li><span class="who">speaker's words</span></li>
</ul>
</header>
<main>
{{end}}

{{- define "section"}}
<section class="doc" id="{{.Anchor}}">
<h2 class="doc-id">{{if .ID}}{{.ID}}{{else}}(no id){{end}}</h2>
<p class="stats">{{count (len .Entities) "entity" "entities"}} · {{count .Mentions "mention" "mentions"}} · {{count (len .Quotes) "quote" "quotes"}}{{if .Title}} (in the text){{end}}</p>
{{if .Title}}<div class="headline" lang="fr">{{.Title}}</div>
{{end -}}
<div class="article" lang="fr">{{.Article}}</div>
<h3>Who said what</h3>
{{if .Quotes -}}
<table class="quotes">
<thead><tr><th>#</th><th>Speaker</th><th>Kind</th><th>Quote</th><th>Cue</th></tr></thead>
<tbody>
{{- range .Quotes}}
<tr><td class="num"><a href="{{.Href}}">{{.N}}</a></td><td class="speaker {{.SpeakerClass}}">
{{- if .SpeakerHref}}<a href="{{.SpeakerHref}}">{{.Speaker}}</a>{{else}}{{.Speaker}}{{end}}</td>
<td class="kind">{{.Kind}}</td><td class="qtext"><a href="{{.Href}}" title="{{.Full}}">{{.Text}}</a></td><td class="cuetext">{{.Cue}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}<p class="none">No quotes found.</p>{{end}}
<h3>Entities</h3>
{{if .Entities -}}
<table class="entities">
<thead><tr><th>Id</th><th>Type</th><th>Canonical name</th><th>Mentions</th><th>Forms seen</th></tr></thead>
<tbody>
{{- range .Entities}}
<tr id="{{.Anchor}}"><td class="num">{{.ID}}</td><td><span class="m {{.Class}}" data-type="{{.Type}}">{{.Type}}<span class="lbl" data-label="{{.Label}}"></span></span></td>
<td class="name">{{.Name}}{{if .Ref}} <span class="ref">{{.Ref}}</span>{{end}}</td><td class="num">{{.Count}}</td>
<td class="forms">{{range $i, $f := .Forms}}{{if $i}}, {{end}}<a href="{{$f.Href}}">{{$f.Text}}</a>{{if gt $f.N 1}}&nbsp;×{{$f.N}}{{end}}{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}<p class="none">No entities found.</p>{{end}}
</section>
{{end}}

{{- define "error"}}
<section class="doc error-record" id="d{{.N}}">
<h2 class="doc-id">{{if .ID}}{{.ID}}{{else}}(no id){{end}}</h2>
<p class="error">Error: {{.Err}}</p>
</section>
{{end}}

{{- define "empty"}}
<p class="none">No documents.</p>
{{end}}

{{- define "index"}}
<h1>{{count (len .) "document" "documents"}}</h1>
<table class="index">
<thead><tr><th>#</th><th>Document</th><th>Entities</th><th>Mentions</th><th>Quotes</th><th>Error</th></tr></thead>
<tbody>
{{- range .}}
<tr{{if .Err}} class="error-record"{{end}}><td class="num">{{.N}}</td><td>{{if .Href}}<a href="{{.Href}}">{{if .ID}}{{.ID}}{{else}}(no id){{end}}</a>{{else}}{{if .ID}}{{.ID}}{{else}}(no id){{end}}{{end}}</td>
{{- if .Err}}<td></td><td></td><td></td><td class="error">{{.Err}}</td>{{else}}<td class="num">{{.Entities}}</td><td class="num">{{.Mentions}}</td><td class="num">{{.Quotes}}</td><td></td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{end}}

{{- define "tail"}}
</main>
{{- if .}}
<nav class="toc" aria-label="Documents">
<h2>{{count (len .) "document" "documents"}}</h2>
<ol>
{{- range .}}
<li><a href="{{.Href}}">{{if .ID}}{{.ID}}{{else}}(no id){{end}}</a> {{if .Err}}<span class="error">error</span>{{else}}<span class="counts">{{count .Entities "entity" "entities"}} · {{count .Quotes "quote" "quotes"}}</span>{{end}}</li>
{{- end}}
</ol>
</nav>
{{- end}}
</body>
</html>
{{end}}
`
