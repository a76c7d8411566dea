// Progressive enhancement for street reports. Every page works without it: a postcode or
// an address is enough, and lists show every report in words. The map adds a point to
// choose (click, tap, or Enter at the map's centre with a keyboard), shows reports as
// markers, and "Use my location" asks the browser for the resident's position.
/* global L */
const SOUTHAMPTON = [50.9097, -1.4044]

const lat = document.getElementById('id_lat')
const lng = document.getElementById('id_lng')
const place = document.getElementById('id_place')

function chosen (latitude, longitude, words) {
  if (!lat || !lng) return
  lat.value = latitude.toFixed(6)
  lng.value = longitude.toFixed(6)
  for (const status of document.querySelectorAll('.frontdoor-report-map__status')) {
    status.textContent = words
  }
}

for (const holder of document.querySelectorAll('[data-module="frontdoor-report-map"]')) {
  if (typeof L === 'undefined') break
  holder.hidden = false
  const points = JSON.parse(document.getElementById('report-map-points')?.textContent || 'null') || []
  const map = L.map(holder.querySelector('.frontdoor-map'), { keyboard: true })
  map.attributionControl.setPrefix(false)
  L.tileLayer(holder.dataset.tiles, { maxZoom: 19, attribution: holder.dataset.attribution }).addTo(map)
  const markers = points.filter((p) => p.lat !== null).map((p) => {
    const marker = L.marker([p.lat, p.lng], { keyboard: false, title: p.label, alt: p.label })
    if (p.url) {
      const link = document.createElement('a')
      link.className = 'govuk-link'
      link.href = p.url
      link.textContent = p.label
      marker.bindPopup(link)
    }
    return marker.addTo(map)
  })
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 17 })
  } else {
    map.setView(SOUTHAMPTON, 13)
  }
  if (holder.dataset.choose) {
    let pin = null
    const choose = (point) => {
      if (pin) pin.setLatLng(point)
      else pin = L.marker(point, { keyboard: false }).addTo(map)
      chosen(point.lat, point.lng, `Point chosen on the map: ${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`)
      if (place && !place.value) place.placeholder = 'The point on the map'
    }
    map.on('click', (event) => choose(event.latlng))
    map.getContainer().addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault()
        choose(map.getCenter())
      }
    })
  }
}

for (const button of document.querySelectorAll('[data-module="frontdoor-use-my-location"]')) {
  if (!('geolocation' in navigator) || !lat) continue
  button.parentElement.hidden = false
  button.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition(
      (position) => chosen(position.coords.latitude, position.coords.longitude,
        'Your location is chosen. Continue to see what is reported near it.'),
      () => {
        lat.value = ''
        lng.value = ''
        for (const status of document.querySelectorAll('.frontdoor-report-map__status')) {
          status.textContent = 'We could not get your location. Enter a postcode instead.'
        }
      }
    )
  })
}
