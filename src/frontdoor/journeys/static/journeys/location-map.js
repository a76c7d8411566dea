// Progressive enhancement for location questions: a map to choose a point. The question
// works without it (the resident describes the place in words); the map only adds a
// point. Clicking or tapping chooses a point; so does Enter, at the map's centre, for
// people using a keyboard (arrow keys move the map), so no dragging is ever needed.
/* global L */
const SOUTHAMPTON = [50.9097, -1.4044]

for (const holder of document.querySelectorAll('[data-module="frontdoor-location-map"]')) {
  const key = holder.dataset.field
  const lat = document.getElementById(`id_${key}__lat`)
  const lng = document.getElementById(`id_${key}__lng`)
  const status = holder.querySelector('.frontdoor-location-map__status')
  holder.hidden = false
  const chosen = lat.value && lng.value ? [Number(lat.value), Number(lng.value)] : null
  const map = L.map(holder.querySelector('.frontdoor-map'), { keyboard: true })
    .setView(chosen || SOUTHAMPTON, chosen ? 17 : 13)
  map.attributionControl.setPrefix(false)
  L.tileLayer(holder.dataset.tiles, {
    maxZoom: 19,
    attribution: holder.dataset.attribution
  }).addTo(map)
  let marker = chosen ? L.marker(chosen, { keyboard: false }).addTo(map) : null

  const choose = (point) => {
    lat.value = point.lat.toFixed(6)
    lng.value = point.lng.toFixed(6)
    if (marker) {
      marker.setLatLng(point)
    } else {
      marker = L.marker(point, { keyboard: false }).addTo(map)
    }
    status.textContent = `Point chosen on the map: ${lat.value}, ${lng.value}`
  }
  map.on('click', (event) => choose(event.latlng))
  map.getContainer().addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      choose(map.getCenter())
    }
  })
}
