// A fake of the Google Apps Script services docs/forms.gs uses (FormApp, SpreadsheetApp, Logger): it records
// what the script asks for, so a test can check the forms and tabs it would create. No Google is involved.
//   node tests/fake_apps_script.js docs/forms.gs   -> JSON {forms: [...], sheets: [...]} on stdout
"use strict";
const fs = require("fs");
const vm = require("vm");

const forms = [];
const sheets = [{ name: "Лист1", formUrl: null }];
let lastId = 0;

function item(kind) {
  const rec = { kind, title: null, required: false, choices: null, other: false, rows: null, columns: null,
                validation: null };
  const api = {
    setTitle(t) { rec.title = t; return api; },
    setRequired(r) { rec.required = r; return api; },
    setChoiceValues(c) { rec.choices = c.slice(); return api; },
    showOtherOption(o) { rec.other = o; return api; },
    setRows(r) { rec.rows = r.slice(); return api; },
    setColumns(c) { rec.columns = c.slice(); return api; },
    setValidation(v) { rec.validation = v; return api; },
  };
  return { rec, api };
}

const FormApp = {
  DestinationType: { SPREADSHEET: "SPREADSHEET" },
  create(title) {
    const id = "form" + (++lastId);
    const form = { id, title, collectEmail: false, items: [], destination: null };
    forms.push(form);
    const add = (kind) => () => { const it = item(kind); form.items.push(it.rec); return it.api; };
    return {
      setCollectEmail(v) { form.collectEmail = v; return this; },
      addTextItem: add("text"), addParagraphTextItem: add("paragraph"), addCheckboxItem: add("checkbox"),
      addMultipleChoiceItem: add("choice"), addDateItem: add("date"), addGridItem: add("grid"),
      setDestination(type, ssId) {
        form.destination = { type, ssId };
        sheets.push({ name: "Ответы на форму (" + (sheets.length) + ")", formUrl: "https://docs.google.com/forms/d/" + id + "/edit" });
        return this;
      },
      getId() { return id; },
      getPublishedUrl() { return "https://docs.google.com/forms/d/" + id + "/viewform"; },
    };
  },
  createTextValidation() { return { requireNumber() { return { build() { return "number"; } }; } }; },
};

const SpreadsheetApp = {
  openById(id) {
    return {
      getId() { return id; },
      getSheets() {
        return sheets.map((s) => ({ getFormUrl() { return s.formUrl; }, setName(n) { s.name = n; } }));
      },
    };
  },
  flush() {},
};

const code = fs.readFileSync(process.argv[2], "utf8");
const context = vm.createContext({ FormApp, SpreadsheetApp, Logger: { log() {} } });
new vm.Script(code, { filename: process.argv[2] }).runInContext(context);   // a syntax error fails here
vm.runInContext("createForms()", context);
process.stdout.write(JSON.stringify({ forms, sheets }));
