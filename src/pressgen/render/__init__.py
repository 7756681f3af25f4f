"""Stage 3, render: an edition into files, one pure function per unit of output.

`outputs` declares every unit (its files, the key of what each depends on, its render);
`units` holds those renders, which call the modules of each format: `html`, `text`,
`ninjs`, `feeds`, `sitemap`, `archive`, `site_pages`, `images`, `search`, `pdf`.
"""
