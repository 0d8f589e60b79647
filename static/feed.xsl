<?xml version="1.0" encoding="utf-8"?>
<!-- briefing: how a browser shows an Atom feed of the site. A feed reader ignores this
     file; a person who opens a feed's link sees a page that says what a feed is and how
     to subscribe, with the feed's latest entries. Its words follow the feed's xml:lang
     (French, else English). -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="lang" select="/atom:feed/@xml:lang"/>
  <xsl:variable name="fr" select="starts-with($lang, 'fr')"/>
  <xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href"/>

  <xsl:template match="/atom:feed">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="atom:title"/></title>
        <style>
          body { font: 1rem/1.55 system-ui, sans-serif; margin: 0; color: #1a1a2e; background: #fbfbf8; }
          main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          .about-feed { background: #eef1f8; border-left: 4px solid #1f3a93; padding: 0.75rem 1rem; margin: 1rem 0 2rem; }
          .about-feed code { word-break: break-all; background: #fff; padding: 0 0.25rem; }
          h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 0.25rem; }
          .subtitle { color: #444; margin: 0; }
          ol { list-style: none; padding: 0; }
          li { margin: 0 0 1.25rem; }
          li a { font-weight: 600; color: #1f3a93; }
          .meta { color: #555; font-size: 0.9rem; margin: 0.1rem 0; }
          @media (prefers-color-scheme: dark) {
            body { color: #e8e8ee; background: #15161c; }
            .about-feed { background: #232742; border-color: #8ea2ff; }
            .about-feed code { background: #15161c; }
            .subtitle, .meta { color: #b8b8c4; }
            li a { color: #a9b7ff; }
          }
        </style>
      </head>
      <body>
        <main>
          <section class="about-feed" aria-labelledby="about-feed-title">
            <h2 id="about-feed-title">
              <xsl:choose>
                <xsl:when test="$fr">Ceci est un flux : abonnez-vous pour suivre les nouveaux articles</xsl:when>
                <xsl:otherwise>This is a web feed: subscribe to follow new articles</xsl:otherwise>
              </xsl:choose>
            </h2>
            <p>
              <xsl:choose>
                <xsl:when test="$fr">Copiez l’adresse de cette page dans votre lecteur de flux (Feedly, NetNewsWire, Thunderbird…) : il vous présentera chaque nouvel article. Rien à installer sur ce site, aucun compte.</xsl:when>
                <xsl:otherwise>Copy the address of this page into your feed reader (Feedly, NetNewsWire, Thunderbird…) and it will show you every new article. Nothing to install on this site, no account.</xsl:otherwise>
              </xsl:choose>
            </p>
            <p><code><xsl:value-of select="$self"/></code></p>
          </section>
          <header>
            <h1><xsl:value-of select="atom:title"/></h1>
            <p class="subtitle"><xsl:value-of select="atom:subtitle"/></p>
            <p>
              <a href="{atom:link[@rel='alternate']/@href}">
                <xsl:choose>
                  <xsl:when test="$fr">Voir la page sur le site</xsl:when>
                  <xsl:otherwise>See the page on the site</xsl:otherwise>
                </xsl:choose>
              </a>
            </p>
          </header>
          <ol>
            <xsl:for-each select="atom:entry">
              <li>
                <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
                <p class="meta">
                  <xsl:value-of select="substring(atom:published, 1, 10)"/>
                  <xsl:if test="atom:link[@rel='via']">
                    <xsl:text> · </xsl:text>
                    <xsl:value-of select="atom:link[@rel='via']/@title"/>
                  </xsl:if>
                </p>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
