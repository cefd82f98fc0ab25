"""Files the coordinators take away: .xlsx exports and .docx documents. No Streamlit here."""
