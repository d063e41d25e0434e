#!/usr/bin/env python3
"""Adds or replaces a text in the catalog (functions/Billing.Core/Texts/TextResources{,.ru,.uk}.resx), keys sorted.

    scripts/texts.py set KEY "English {0}" "Русский {0}" "Українська {0}"
    scripts/texts.py get KEY
The key also needs its constant in TextKeys.cs; TextCatalogTests hold every key in every language.
"""
import sys, os, html, re
DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'functions', 'Billing.Core', 'Texts')
FILES = {'en': 'TextResources.resx', 'ru': 'TextResources.ru.resx', 'uk': 'TextResources.uk.resx'}
HEAD = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
ROW = re.compile(r'  <data name="([^"]+)" xml:space="preserve"><value>(.*?)</value></data>\n', re.S)

def load(lang):
    path = os.path.join(DIR, FILES[lang])
    if not os.path.exists(path): return {}
    return {k: html.unescape(v) for k, v in ROW.findall(open(path, encoding='utf-8').read())}

def save(lang, rows):
    body = ''.join(f'  <data name="{k}" xml:space="preserve"><value>{html.escape(v, quote=False)}</value></data>\n' for k, v in sorted(rows.items()))
    open(os.path.join(DIR, FILES[lang]), 'w', encoding='utf-8').write(HEAD + body + '</root>\n')

if __name__ == '__main__':
    cmd, key = sys.argv[1], sys.argv[2]
    if cmd == 'set':
        for lang, text in zip(('en', 'ru', 'uk'), sys.argv[3:6]):
            rows = load(lang); rows[key] = text; save(lang, rows)
    elif cmd == 'get':
        for lang in FILES: print(lang, load(lang).get(key))
    else: sys.exit(__doc__)
